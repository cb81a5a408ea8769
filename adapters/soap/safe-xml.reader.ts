import { SaxesParser, type SaxesTagNS } from 'saxes';
import { SoapFault } from './soap-fault.js';

/** An element of a parsed message: namespace-resolved, attributes by `{uri}local`, text joined. */
export interface XmlElement {
  uri: string;
  local: string;
  attributes: ReadonlyMap<string, string>;
  children: XmlElement[];
  text: string;
  line: number;
}

export interface XmlLimits {
  /** Bytes of the whole message, counted as they arrive. */
  maxBytes: number;
  /** Elements nested inside one another (a standard record needs about 10 inside the envelope). */
  maxDepth: number;
  /** Elements in the whole message. */
  maxElements: number;
}

const NO_ATTRIBUTES: ReadonlyMap<string, string> = new Map();

export const attributeKey = (uri: string, local: string): string => `{${uri}}${local}`;

const tooLarge = (maxBytes: number): SoapFault =>
  new SoapFault(
    'Client.tooLarge',
    'SOAP.BODY_TOO_LARGE',
    `Thông điệp SOAP vượt quá giới hạn ${Math.floor(maxBytes / 1024 / 1024)} MB; hãy chia lô nhỏ hơn.`,
  );

/**
 * A strict, streaming, namespace-aware reader for untrusted XML, built on saxes (a conformant XML
 * 1.0 parser that never fetches anything). What XML attacks need is refused before it can act:
 * - any DOCTYPE: SOAP 1.1 §3 forbids a DTD in a message, and without one there are no entity
 *   declarations, so no entity expansion (billion laughs) and no external entities (XXE); an
 *   undeclared `&name;` is a well-formedness error;
 * - nesting deeper than `maxDepth`, more than `maxElements` elements, more than `maxBytes` bytes:
 *   checked while the bytes arrive, so a hostile message is dropped early and never held whole;
 * - bytes that are not UTF-8, or an XML declaration naming another encoding.
 */
export class SafeXmlReader {
  private readonly parser = new SaxesParser({ xmlns: true, position: true });
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private readonly stack: XmlElement[] = [];
  private root: XmlElement | undefined;
  private bytes = 0;
  private elements = 0;

  constructor(private readonly limits: XmlLimits) {
    this.parser.on('error', (error) => {
      throw malformed(error.message);
    });
    this.parser.on('doctype', () => {
      throw new SoapFault(
        'Client.forbiddenDtd',
        'SOAP.DTD_FORBIDDEN',
        'Thông điệp SOAP không được chứa khai báo DOCTYPE/DTD (SOAP 1.1 §3); thực thể (ENTITY) không được xử lý.',
      );
    });
    this.parser.on('xmldecl', (decl) => {
      if (decl.encoding !== undefined && !/^utf-?8$/i.test(decl.encoding)) {
        throw malformed(`bảng mã "${decl.encoding}" không được hỗ trợ; hãy gửi UTF-8`);
      }
    });
    this.parser.on('opentag', (tag) => this.open(tag));
    this.parser.on('closetag', () => {
      this.stack.pop();
    });
    this.parser.on('text', (text) => this.appendText(text));
    this.parser.on('cdata', (text) => this.appendText(text));
  }

  /** Feeds the next bytes; throws a SoapFault as soon as the message breaks a rule. */
  write(chunk: Uint8Array): void {
    this.bytes += chunk.byteLength;
    if (this.bytes > this.limits.maxBytes) throw tooLarge(this.limits.maxBytes);
    this.feed(() => this.decoder.decode(chunk, { stream: true }));
  }

  /** Ends the message and returns its root element. */
  close(): XmlElement {
    this.feed(() => this.decoder.decode());
    try {
      this.parser.close();
    } catch (error) {
      if (error instanceof SoapFault) throw error;
      throw malformed(error instanceof Error ? error.message : String(error));
    }
    if (!this.root) throw malformed('thông điệp rỗng');
    return this.root;
  }

  /** Checks the announced size before any byte is read. */
  static checkDeclaredLength(contentLength: string | undefined, maxBytes: number): void {
    if (contentLength !== undefined && Number(contentLength) > maxBytes) throw tooLarge(maxBytes);
  }

  private feed(decode: () => string): void {
    let text: string;
    try {
      text = decode();
    } catch {
      throw malformed('nội dung không phải UTF-8 hợp lệ');
    }
    if (text.length > 0) this.parser.write(text);
  }

  private open(tag: SaxesTagNS): void {
    if (this.stack.length >= this.limits.maxDepth) {
      throw new SoapFault(
        'Client.tooDeep',
        'SOAP.XML_TOO_DEEP',
        `Thông điệp SOAP lồng quá ${this.limits.maxDepth} cấp phần tử (dòng ${this.parser.line}); hồ sơ chuẩn không cần sâu như vậy.`,
      );
    }
    if (++this.elements > this.limits.maxElements) {
      throw new SoapFault(
        'Client.tooLarge',
        'SOAP.TOO_MANY_ELEMENTS',
        `Thông điệp SOAP có quá ${this.limits.maxElements.toLocaleString('vi-VN')} phần tử; hãy chia lô nhỏ hơn.`,
      );
    }
    // Most elements have no attributes: they share one empty map instead of holding their own.
    const given = Object.values(tag.attributes);
    const attributes: ReadonlyMap<string, string> =
      given.length === 0 ? NO_ATTRIBUTES : new Map(given.map((a) => [attributeKey(a.uri, a.local), a.value]));
    const element: XmlElement = {
      uri: tag.uri,
      local: tag.local,
      attributes,
      children: [],
      text: '',
      line: this.parser.line,
    };
    const parent = this.stack.at(-1);
    if (parent) parent.children.push(element);
    else this.root = element;
    // saxes reports a closetag for a self-closing element too.
    this.stack.push(element);
  }

  private appendText(text: string): void {
    const current = this.stack.at(-1);
    if (current) current.text += text;
  }
}

function malformed(reason: string): SoapFault {
  return new SoapFault(
    'Client.malformed',
    'SOAP.MALFORMED_XML',
    `Thông điệp SOAP không phải XML hợp lệ: ${reason}.`,
  );
}
