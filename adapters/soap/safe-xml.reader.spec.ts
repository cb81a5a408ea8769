import { SafeXmlReader, type XmlElement } from './safe-xml.reader.js';
import { SoapFault } from './soap-fault.js';

const limits = { maxBytes: 1024 * 1024, maxDepth: 32, maxElements: 10_000 };

function read(xml: string | Buffer, chunkSize = 7): XmlElement {
  const reader = new SafeXmlReader(limits);
  const bytes = typeof xml === 'string' ? Buffer.from(xml, 'utf8') : xml;
  // Small chunks: multi-byte characters and tags are split across writes.
  for (let i = 0; i < bytes.length; i += chunkSize) reader.write(bytes.subarray(i, i + chunkSize));
  return reader.close();
}

function faultOf(xml: string | Buffer): SoapFault {
  try {
    read(xml);
  } catch (error) {
    if (error instanceof SoapFault) return error;
    throw error;
  }
  throw new Error('no fault');
}

describe('SafeXmlReader', () => {
  it('reads namespaces, attributes, text, CDATA and character references split across chunks', () => {
    const root = read(
      '<?xml version="1.0" encoding="UTF-8"?><a xmlns="urn:x" xmlns:p="urn:p"><p:b p:c="1">Nguy&#7877;n &amp; Trần</p:b><d><![CDATA[<e>]]></d></a>',
    );
    expect(root).toMatchObject({ uri: 'urn:x', local: 'a' });
    const [b, d] = root.children;
    expect(b).toMatchObject({ uri: 'urn:p', local: 'b', text: 'Nguyễn & Trần' });
    expect(b.attributes.get('{urn:p}c')).toBe('1');
    expect(d.text).toBe('<e>');
  });

  it('refuses a DOCTYPE: billion laughs and external entities never expand', () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><a>&lol2;</a>';
    expect(faultOf(laughs)).toMatchObject({ faultCode: 'Client.forbiddenDtd', code: 'SOAP.DTD_FORBIDDEN' });
    const xxe = '<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>';
    expect(faultOf(xxe).code).toBe('SOAP.DTD_FORBIDDEN');
    // Without a DTD an entity reference is simply undeclared: malformed.
    expect(faultOf('<a>&x;</a>').code).toBe('SOAP.MALFORMED_XML');
  });

  it('refuses deep nesting at the limit, before reading the rest', () => {
    const deep = '<a>'.repeat(100_000) + '</a>'.repeat(100_000);
    const fault = faultOf(deep);
    expect(fault).toMatchObject({ faultCode: 'Client.tooDeep', code: 'SOAP.XML_TOO_DEEP' });
    expect(fault.message).toContain('32');
    expect(read('<a>'.repeat(32) + '</a>'.repeat(32)).local).toBe('a');
  });

  it('refuses more bytes than allowed as they arrive, and an over-long declared length', () => {
    const reader = new SafeXmlReader({ ...limits, maxBytes: 100 });
    reader.write(Buffer.from('<a>' + 'x'.repeat(90)));
    expect(() => reader.write(Buffer.from('x'.repeat(20)))).toThrow(
      expect.objectContaining({ faultCode: 'Client.tooLarge', code: 'SOAP.BODY_TOO_LARGE' }),
    );
    expect(() => SafeXmlReader.checkDeclaredLength(String(50 * 1024 * 1024), 16 * 1024 * 1024)).toThrow(
      expect.objectContaining({ code: 'SOAP.BODY_TOO_LARGE' }),
    );
    expect(() => SafeXmlReader.checkDeclaredLength('10', 100)).not.toThrow();
  });

  it('refuses too many elements', () => {
    const reader = new SafeXmlReader({ ...limits, maxElements: 5 });
    expect(() => reader.write(Buffer.from('<a><b/><b/><b/><b/><b/></a>'))).toThrow(
      expect.objectContaining({ code: 'SOAP.TOO_MANY_ELEMENTS' }),
    );
  });

  it.each([
    ['an unclosed element', '<a><b></a>'],
    ['two roots', '<a/><b/>'],
    ['an empty message', ''],
    ['an unbound prefix', '<x:a/>'],
    ['a NUL character', '<a>\u0000</a>'],
  ])('calls %s malformed', (_label, xml) => {
    expect(faultOf(xml)).toMatchObject({ faultCode: 'Client.malformed', code: 'SOAP.MALFORMED_XML' });
  });

  it('refuses bytes that are not UTF-8 and a declaration of another encoding', () => {
    expect(faultOf(Buffer.from([0x3c, 0x61, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x61, 0x3e])).message).toContain(
      'UTF-8',
    );
    expect(faultOf('<?xml version="1.0" encoding="windows-1258"?><a/>').message).toContain('windows-1258');
  });
});
