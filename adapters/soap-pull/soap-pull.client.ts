import { MAX_XML_BYTES, parseUntrustedXml } from '../../src/mapping/engine/input/xml-sample.reader.js';
import { readSourcePath } from '../../src/mapping/engine/source-path.util.js';
import type { PullPlan } from './pull-plan.model.js';
import { SoapPullException } from './soap-pull.exception.js';

export interface PullEndpoint {
  readonly url: string;
  readonly username?: string;
  readonly password?: string;
}

export interface PulledPage {
  /** Each record element as parsed (local names), in the service's order. */
  readonly records: ReadonlyArray<Record<string, unknown>>;
  readonly nextCursor?: string;
}

const TIMEOUT_MS = 60_000;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A document/literal SOAP 1.1 request for one page, with a UsernameToken when the plan has one. */
export function pageRequest(plan: PullPlan, endpoint: PullEndpoint, cursor: string | undefined): string {
  const r = plan.request;
  const security =
    endpoint.username !== undefined
      ? `<soap:Header><wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd" soap:mustUnderstand="1"><wsse:UsernameToken><wsse:Username>${escapeXml(endpoint.username)}</wsse:Username><wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">${escapeXml(endpoint.password ?? '')}</wsse:Password></wsse:UsernameToken></wsse:Security></soap:Header>`
      : '';
  const cursorElement =
    cursor === undefined ? '' : `<ns:${r.cursorElement}>${escapeXml(cursor)}</ns:${r.cursorElement}>`;
  return (
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns="${escapeXml(r.namespace)}">` +
    `${security}<soap:Body><ns:${r.operation}>${cursorElement}<ns:${r.pageSizeElement}>${r.pageSize}</ns:${r.pageSizeElement}></ns:${r.operation}></soap:Body></soap:Envelope>`
  );
}

/** The body, refused once it passes the size limit (read as a stream: a 1 GB answer is not buffered). */
async function readBounded(response: Response): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_XML_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  if (response.body === null) return Buffer.alloc(0);
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > MAX_XML_BYTES) throw tooLarge();
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

function tooLarge(): SoapPullException {
  return new SoapPullException(
    'SOAP_PULL.BAD_RESPONSE',
    `Dịch vụ nguồn trả về trang lớn quá ${MAX_XML_BYTES / 1024 / 1024} MB; hãy giảm pageSize trong pull.yaml.`,
  );
}

function text(node: unknown): string | undefined {
  if (typeof node === 'string' && node.trim() !== '') return node.trim();
  if (typeof node === 'number') return String(node);
  return undefined;
}

/** One page from the legacy service: HTTP and SOAP faults become codes, the XML is read safely. */
export async function fetchPage(
  plan: PullPlan,
  endpoint: PullEndpoint,
  cursor: string | undefined,
  fetchImpl: typeof fetch = fetch,
): Promise<PulledPage> {
  let response: Response;
  try {
    response = await fetchImpl(endpoint.url, {
      method: 'POST',
      headers: {
        'content-type': 'text/xml; charset=utf-8',
        soapaction: `"${plan.request.soapAction}"`,
      },
      body: pageRequest(plan, endpoint, cursor),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (cause) {
    const timeout = cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError');
    throw new SoapPullException(
      timeout ? 'SOAP_PULL.TIMEOUT' : 'SOAP_PULL.UNREACHABLE',
      timeout
        ? 'Dịch vụ SOAP nguồn không trả lời kịp, sẽ thử lại.'
        : 'Không kết nối được dịch vụ SOAP nguồn, sẽ thử lại.',
      { cause },
    );
  }
  if (response.status === 401 || response.status === 403) {
    throw new SoapPullException(
      'SOAP_PULL.AUTH_FAILED',
      `Dịch vụ SOAP nguồn từ chối tài khoản (HTTP ${response.status}); kiểm tra tài khoản trong cấu hình.`,
    );
  }
  let bytes: Buffer;
  try {
    bytes = await readBounded(response);
  } catch (cause) {
    if (cause instanceof SoapPullException) throw cause;
    throw new SoapPullException(
      'SOAP_PULL.UNREACHABLE',
      'Mất kết nối khi đang nhận trang dữ liệu, sẽ thử lại.',
      {
        cause,
      },
    );
  }
  if (response.status >= 500 && response.status !== 500) {
    throw new SoapPullException(
      'SOAP_PULL.SERVER_FAULT',
      `Dịch vụ SOAP nguồn đang lỗi (HTTP ${response.status}), sẽ thử lại.`,
    );
  }
  let doc: unknown;
  try {
    doc = parseUntrustedXml(bytes);
  } catch (cause) {
    throw new SoapPullException(
      'SOAP_PULL.BAD_RESPONSE',
      `Dịch vụ SOAP nguồn trả về nội dung không đọc được (HTTP ${response.status}): ${cause instanceof Error ? cause.message : ''}`,
      { cause },
    );
  }
  const fault = readSourcePath(doc, 'Envelope.Body.Fault');
  if (fault !== undefined) {
    const code = text(readSourcePath(fault, 'faultcode')) ?? '';
    const reason = (text(readSourcePath(fault, 'faultstring')) ?? '').slice(0, 300);
    // SOAP 1.1: Client faults are the request's (ours or the account's) fault; Server faults pass.
    const client = /(^|:)Client/.test(code);
    throw new SoapPullException(
      client ? 'SOAP_PULL.CLIENT_FAULT' : 'SOAP_PULL.SERVER_FAULT',
      `Dịch vụ SOAP nguồn báo lỗi ${code || 'không mã'}: ${reason}${client ? '' : ' (sẽ thử lại)'}`,
    );
  }
  if (response.status !== 200) {
    throw new SoapPullException(
      'SOAP_PULL.SERVER_FAULT',
      `Dịch vụ SOAP nguồn trả HTTP ${response.status}, sẽ thử lại.`,
    );
  }
  const path = plan.response.recordPath;
  const parentPath = path.split('.').slice(0, -1).join('.');
  const parent = readSourcePath(doc, parentPath);
  if (typeof parent !== 'object' || parent === null) {
    throw new SoapPullException(
      'SOAP_PULL.BAD_RESPONSE',
      `Câu trả lời của dịch vụ nguồn không có phần tử ${parentPath} (pull.yaml: response.recordPath).`,
    );
  }
  const found = (parent as Record<string, unknown>)[path.split('.').at(-1) ?? path];
  const list: unknown[] = found === undefined || found === '' ? [] : Array.isArray(found) ? found : [found];
  const records = list.map((r) =>
    typeof r === 'object' && r !== null ? (r as Record<string, unknown>) : {},
  );
  const nextCursor = text(readSourcePath(doc, plan.response.nextCursorPath));
  return { records, ...(nextCursor !== undefined ? { nextCursor } : {}) };
}
