import { SOAP_NAMESPACE } from '../../contracts/v1/soap/build-wsdl.js';
import { xmlText } from './soap-response.writer.js';

/**
 * Writes a standard record (JSON form) as the XML the WSDL describes: properties as elements in
 * name order (the XSD's sequence order), arrays as repeated elements. The inverse of
 * RecordXmlMapper; used by clients of the hub written in Node (tests, the benchmark).
 */
export function recordToXml(name: string, record: unknown, withNamespace = true): string {
  const ns = withNamespace ? ` xmlns="${SOAP_NAMESPACE}"` : '';
  return `<${name}${ns}>${content(record)}</${name}>`;
}

function content(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return xmlText(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'object') return '';
  const parts: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const property: unknown = (value as Record<string, unknown>)[key];
    const items: unknown[] = Array.isArray(property) ? property : [property];
    for (const item of items) {
      if (item !== undefined && item !== null) parts.push(`<${key}>${content(item)}</${key}>`);
    }
  }
  return parts.join('');
}
