import { SafeXmlReader } from './safe-xml.reader.js';
import { PASSWORD_TEXT, readEnvelope, SOAP11_ENVELOPE, WSSE } from './soap-envelope.js';
import { SoapFault } from './soap-fault.js';

function envelope(header: string, body = '<op xmlns="urn:x"/>'): ReturnType<typeof readEnvelope> {
  const reader = new SafeXmlReader({ maxBytes: 1 << 20, maxDepth: 32, maxElements: 1000 });
  reader.write(
    Buffer.from(
      `<s:Envelope xmlns:s="${SOAP11_ENVELOPE}" xmlns:wsse="${WSSE}">${header}<s:Body>${body}</s:Body></s:Envelope>`,
    ),
  );
  return readEnvelope(reader.close());
}

function faultOf(run: () => unknown): SoapFault {
  try {
    run();
  } catch (error) {
    if (error instanceof SoapFault) return error;
    throw error;
  }
  throw new Error('no fault');
}

const token = (password: string, type?: string): string =>
  `<s:Header><wsse:Security><wsse:UsernameToken><wsse:Username> hn-soap </wsse:Username><wsse:Password${type ? ` Type="${type}"` : ''}>${password}</wsse:Password></wsse:UsernameToken></wsse:Security></s:Header>`;

describe('readEnvelope', () => {
  it('reads the UsernameToken (PasswordText, explicit or by default) and the operation', () => {
    expect(envelope(token('hub_k', PASSWORD_TEXT))).toMatchObject({
      token: { username: 'hn-soap', password: 'hub_k' },
      operation: { uri: 'urn:x', local: 'op' },
    });
    expect(envelope(token('hub_k')).token).toEqual({ username: 'hn-soap', password: 'hub_k' });
    expect(envelope('').token).toBeUndefined();
  });

  it('refuses a header it must understand but does not', () => {
    const fault = faultOf(() =>
      envelope(`<s:Header><t:Tx xmlns:t="urn:tx" s:mustUnderstand="1">1</t:Tx></s:Header>`),
    );
    expect(fault).toMatchObject({ faultCode: 'MustUnderstand', code: 'SOAP.HEADER_NOT_UNDERSTOOD' });
    // Without mustUnderstand an unknown header is ignored (SOAP 1.1 §4.2.3).
    expect(envelope(`<s:Header><t:Tx xmlns:t="urn:tx">1</t:Tx></s:Header>`).token).toBeUndefined();
  });

  it('refuses a Security header without a complete UsernameToken, and an unknown password type', () => {
    expect(faultOf(() => envelope('<s:Header><wsse:Security/></s:Header>')).code).toBe(
      'SOAP.AUTH_TOKEN_MISSING',
    );
    expect(
      faultOf(() =>
        envelope(
          '<s:Header><wsse:Security><wsse:UsernameToken><wsse:Username>a</wsse:Username></wsse:UsernameToken></wsse:Security></s:Header>',
        ),
      ).code,
    ).toBe('SOAP.AUTH_TOKEN_INCOMPLETE');
    expect(faultOf(() => envelope(token('x', 'urn:other#Type')))).toMatchObject({
      faultCode: 'Client.auth',
      code: 'SOAP.PASSWORD_TYPE_UNSUPPORTED',
    });
  });

  it('needs exactly one element in the Body', () => {
    expect(faultOf(() => envelope('', '')).code).toBe('SOAP.MALFORMED_ENVELOPE');
    expect(faultOf(() => envelope('', '<a xmlns="urn:x"/><b xmlns="urn:x"/>')).code).toBe(
      'SOAP.MALFORMED_ENVELOPE',
    );
  });
});
