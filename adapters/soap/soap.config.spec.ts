import { loadSoapConfig } from './soap.config.js';

describe('loadSoapConfig', () => {
  it('takes an http(s) base URL, without its trailing slash, or nothing', () => {
    expect(loadSoapConfig({ SOAP_PUBLIC_URL: 'https://hotich.example.gov.vn/' })).toEqual({
      publicUrl: 'https://hotich.example.gov.vn',
    });
    expect(loadSoapConfig({ SOAP_PUBLIC_URL: 'https://hub.vn:8443/tich-hop' }).publicUrl).toBe(
      'https://hub.vn:8443/tich-hop',
    );
    expect(loadSoapConfig({})).toEqual({ publicUrl: undefined });
    expect(loadSoapConfig({ SOAP_PUBLIC_URL: '' })).toEqual({ publicUrl: undefined });
  });

  it.each(['ftp://hub.vn', 'hub.vn', 'https://hub.vn/?x=1', 'https://hub.vn/"><x'])(
    'stops start-up on %s, naming the variable',
    (value) => {
      expect(() => loadSoapConfig({ SOAP_PUBLIC_URL: value })).toThrow(
        /SOAP_PUBLIC_URL must be an http\(s\) URL/,
      );
    },
  );
});
