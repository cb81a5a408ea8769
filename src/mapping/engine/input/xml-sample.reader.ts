import { XMLParser } from 'fast-xml-parser';
import { MappingException } from '../mapping.exception.js';
import type { SourceRow } from '../mapping-result.model.js';
import { readSourcePath } from '../source-path.util.js';

export const MAX_XML_BYTES = 50 * 1024 * 1024;
const MAX_DEPTH = 64;

/**
 * Untrusted XML: no DOCTYPE at all (so neither entity expansion nor external entities can happen,
 * whatever the parser would do with them), entity processing off, a depth and a size limit, and
 * values kept as text ('0123' stays '0123'). Namespace prefixes are dropped: mappings name elements
 * by local name.
 */
export function parseUntrustedXml(bytes: Uint8Array): unknown {
  if (bytes.length > MAX_XML_BYTES) throw invalid(`XML lớn quá ${MAX_XML_BYTES / 1024 / 1024} MB.`);
  const text = Buffer.from(bytes).toString('utf8');
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    throw invalid('XML có khai báo DOCTYPE/ENTITY: không được chấp nhận.');
  const parser = new XMLParser({
    processEntities: false,
    htmlEntities: false,
    removeNSPrefix: true,
    ignoreAttributes: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    parseTagValue: false,
    trimValues: true,
    maxNestedTags: MAX_DEPTH,
  });
  try {
    return parser.parse(text, true);
  } catch (cause) {
    throw invalid(`XML không hợp lệ: ${cause instanceof Error ? cause.message : String(cause)}`, cause);
  }
}

export function readXmlSample(bytes: Uint8Array, recordPath: string): SourceRow[] {
  const doc = parseUntrustedXml(bytes);
  const parentPath = recordPath.split('.').slice(0, -1).join('.');
  const last = recordPath.split('.').at(-1) ?? recordPath;
  const parent = parentPath === '' ? doc : readSourcePath(doc, parentPath);
  const found: unknown =
    typeof parent === 'object' && parent !== null && Object.hasOwn(parent, last)
      ? (parent as Record<string, unknown>)[last]
      : undefined;
  if (found === undefined) throw invalid(`Không tìm thấy phần tử ${recordPath} trong XML.`);
  const list: unknown[] = Array.isArray(found) ? found : [found];
  return list.map((values, index) => ({
    rowNumber: index + 1,
    values: typeof values === 'object' && values !== null ? (values as Record<string, unknown>) : {},
    rawBytes: false,
  }));
}

function invalid(message: string, cause?: unknown): MappingException {
  return new MappingException('MAPPING.INPUT_INVALID', message, { cause });
}
