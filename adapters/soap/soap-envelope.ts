import { attributeKey, type XmlElement } from './safe-xml.reader.js';
import { SoapFault } from './soap-fault.js';

export const SOAP11_ENVELOPE = 'http://schemas.xmlsoap.org/soap/envelope/';
export const WSSE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const TOKEN_PROFILE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0';
export const PASSWORD_TEXT = `${TOKEN_PROFILE}#PasswordText`;
export const PASSWORD_DIGEST = `${TOKEN_PROFILE}#PasswordDigest`;

export interface UsernameToken {
  username: string;
  password: string;
}

export interface SoapRequest {
  /** Absent when the message has no wsse:Security header. */
  token?: UsernameToken;
  /** The one element inside soap:Body: the operation's document. */
  operation: XmlElement;
}

const malformed = (what: string): SoapFault =>
  new SoapFault('Client.malformed', 'SOAP.MALFORMED_ENVELOPE', `Phong bì SOAP không hợp lệ: ${what}.`);

const authFault = (code: string, message: string): SoapFault => new SoapFault('Client.auth', code, message);

/** Reads a SOAP 1.1 envelope: Header (WS-Security UsernameToken) and the Body's one element. */
export function readEnvelope(root: XmlElement): SoapRequest {
  if (root.local !== 'Envelope' || root.uri !== SOAP11_ENVELOPE) {
    // SOAP 1.1 §4.4.1: an envelope in another namespace (SOAP 1.2 among them) is a VersionMismatch.
    if (root.local === 'Envelope') {
      throw new SoapFault(
        'VersionMismatch',
        'SOAP.VERSION_MISMATCH',
        `Không gian tên của phong bì "${root.uri}" không được hỗ trợ; chỉ nhận SOAP 1.1 (${SOAP11_ENVELOPE}).`,
      );
    }
    throw malformed(`phần tử gốc phải là soap:Envelope (${SOAP11_ENVELOPE}), không phải "${root.local}"`);
  }
  const parts = root.children;
  const header = parts[0]?.uri === SOAP11_ENVELOPE && parts[0].local === 'Header' ? parts[0] : undefined;
  const rest = header ? parts.slice(1) : parts;
  if (rest.length !== 1 || rest[0].uri !== SOAP11_ENVELOPE || rest[0].local !== 'Body') {
    throw malformed('cần đúng một soap:Body, sau soap:Header nếu có');
  }
  const body = rest[0];
  if (body.children.length !== 1) {
    throw malformed(`soap:Body phải chứa đúng một phần tử thao tác, ở đây có ${body.children.length}`);
  }
  return { token: header ? readHeader(header) : undefined, operation: body.children[0] };
}

function readHeader(header: XmlElement): UsernameToken | undefined {
  let token: UsernameToken | undefined;
  for (const entry of header.children) {
    if (entry.uri === WSSE && entry.local === 'Security') {
      token = readSecurity(entry);
      continue;
    }
    const mustUnderstand = entry.attributes.get(attributeKey(SOAP11_ENVELOPE, 'mustUnderstand'));
    if (mustUnderstand === '1' || mustUnderstand === 'true') {
      throw new SoapFault(
        'MustUnderstand',
        'SOAP.HEADER_NOT_UNDERSTOOD',
        `Tiêu đề {${entry.uri}}${entry.local} được đánh dấu mustUnderstand nhưng hệ thống không hỗ trợ.`,
      );
    }
  }
  return token;
}

function readSecurity(security: XmlElement): UsernameToken {
  const tokenElement = security.children.find((c) => c.uri === WSSE && c.local === 'UsernameToken');
  if (!tokenElement) {
    throw authFault('SOAP.AUTH_TOKEN_MISSING', 'Thiếu wsse:UsernameToken trong tiêu đề wsse:Security.');
  }
  const username = tokenElement.children.find((c) => c.uri === WSSE && c.local === 'Username');
  const password = tokenElement.children.find((c) => c.uri === WSSE && c.local === 'Password');
  if (!username || !password) {
    throw authFault(
      'SOAP.AUTH_TOKEN_INCOMPLETE',
      'wsse:UsernameToken phải có wsse:Username (mã hệ thống nguồn) và wsse:Password (khóa API).',
    );
  }
  const type = password.attributes.get(attributeKey('', 'Type')) ?? PASSWORD_TEXT;
  if (type !== PASSWORD_TEXT) {
    // A digest of the key would need the key stored in clear (only its hash is kept), and over
    // HTTPS it adds nothing; refused outright rather than half-checked.
    throw authFault(
      'SOAP.PASSWORD_TYPE_UNSUPPORTED',
      type === PASSWORD_DIGEST
        ? 'Không hỗ trợ PasswordDigest: hãy gửi khóa API dạng PasswordText qua HTTPS.'
        : `Kiểu mật khẩu "${type}" không được hỗ trợ; chỉ nhận PasswordText.`,
    );
  }
  return { username: username.text.trim(), password: password.text.trim() };
}
