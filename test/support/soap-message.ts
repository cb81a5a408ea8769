import { SOAP_NAMESPACE } from '../../contracts/v1/soap/build-wsdl.js';
import { recordToXml } from '../../adapters/soap/record-xml.writer.js';
import { SafeXmlReader, type XmlElement } from '../../adapters/soap/safe-xml.reader.js';
import { PASSWORD_TEXT, SOAP11_ENVELOPE, WSSE } from '../../adapters/soap/soap-envelope.js';

export interface Credentials {
  username: string;
  password: string;
  passwordType?: string;
}

/** A SOAP 1.1 request envelope as a source system would write it. */
export function soapEnvelope(body: string, credentials?: Credentials): string {
  const header = credentials
    ? `<soap:Header><wsse:Security xmlns:wsse="${WSSE}" soap:mustUnderstand="1"><wsse:UsernameToken><wsse:Username>${credentials.username}</wsse:Username><wsse:Password Type="${credentials.passwordType ?? PASSWORD_TEXT}">${credentials.password}</wsse:Password></wsse:UsernameToken></wsse:Security></soap:Header>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${SOAP11_ENVELOPE}">${header}<soap:Body>${body}</soap:Body></soap:Envelope>`;
}

export function submitRecordsBody(records: readonly unknown[]): string {
  return `<SubmitRecords xmlns="${SOAP_NAMESPACE}">${records.map((r) => recordToXml('record', r, false)).join('')}</SubmitRecords>`;
}

export function getOutcomesBody(kind: 'itemId' | 'sourceRecordId', ids: readonly string[]): string {
  return `<GetOutcomes xmlns="${SOAP_NAMESPACE}">${ids.map((id) => `<${kind}>${id}</${kind}>`).join('')}</GetOutcomes>`;
}

export function parseXml(xml: string): XmlElement {
  const reader = new SafeXmlReader({ maxBytes: 64 << 20, maxDepth: 64, maxElements: 10_000_000 });
  reader.write(Buffer.from(xml, 'utf8'));
  return reader.close();
}

export function child(element: XmlElement | undefined, local: string): XmlElement | undefined {
  return element?.children.find((c) => c.local === local);
}

export function children(element: XmlElement | undefined, local: string): XmlElement[] {
  return element?.children.filter((c) => c.local === local) ?? [];
}

/** The element inside soap:Body of a response. */
export function responseBody(xml: string): XmlElement {
  const body = child(parseXml(xml), 'Body');
  if (!body?.children[0]) throw new Error(`no body in ${xml.slice(0, 300)}`);
  return body.children[0];
}

/** A plain view of an element's leaf children: { name: text } (repeated names: last wins). */
export function leaves(element: XmlElement | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of element?.children ?? []) if (c.children.length === 0) out[c.local] = c.text;
  return out;
}

export interface FaultView {
  faultcode: string;
  faultstring: string;
  code: string;
  correlationId?: string;
}

export function faultOf(xml: string): FaultView {
  const fault = responseBody(xml);
  if (fault.local !== 'Fault') throw new Error(`not a fault: ${xml.slice(0, 300)}`);
  const detail = child(child(fault, 'detail'), 'hubFault');
  return {
    faultcode: child(fault, 'faultcode')?.text ?? '',
    faultstring: child(fault, 'faultstring')?.text ?? '',
    code: child(detail, 'code')?.text ?? '',
    correlationId: child(detail, 'correlationId')?.text,
  };
}
