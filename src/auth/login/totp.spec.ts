import { base32Decode, base32Encode, hotp, matchTotp, totp, totpStep } from './totp.js';

// RFC 6238 Appendix B: seeds are the ASCII strings, 8 digits, 30-second steps.
const SEED = {
  sha1: Buffer.from('12345678901234567890', 'ascii'),
  sha256: Buffer.from('12345678901234567890123456789012', 'ascii'),
  sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234', 'ascii'),
} as const;

const VECTORS: Array<[number, string, keyof typeof SEED]> = [
  [59, '94287082', 'sha1'],
  [59, '46119246', 'sha256'],
  [59, '90693936', 'sha512'],
  [1111111109, '07081804', 'sha1'],
  [1111111109, '68084774', 'sha256'],
  [1111111109, '25091201', 'sha512'],
  [1111111111, '14050471', 'sha1'],
  [1111111111, '67062674', 'sha256'],
  [1111111111, '99943326', 'sha512'],
  [1234567890, '89005924', 'sha1'],
  [1234567890, '91819424', 'sha256'],
  [1234567890, '93441116', 'sha512'],
  [2000000000, '69279037', 'sha1'],
  [2000000000, '90698825', 'sha256'],
  [2000000000, '38618901', 'sha512'],
  [20000000000, '65353130', 'sha1'],
  [20000000000, '77737706', 'sha256'],
  [20000000000, '47863826', 'sha512'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(VECTORS)('at %i s gives %s with %s', (t, code, alg) => {
    expect(totp(SEED[alg], t * 1000, { digits: 8, algorithm: alg })).toBe(code);
  });

  it('matches RFC 4226 Appendix D HOTP values', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    expect(expected.map((_, i) => hotp(SEED.sha1, BigInt(i)))).toEqual(expected);
  });

  it('accepts one step of drift either way, and nothing further or malformed', () => {
    const at = 1_763_700_000_000;
    const step = totpStep(at);
    expect(matchTotp(SEED.sha1, totp(SEED.sha1, at), at)).toBe(step);
    expect(matchTotp(SEED.sha1, totp(SEED.sha1, at - 30_000), at)).toBe(step - 1n);
    expect(matchTotp(SEED.sha1, totp(SEED.sha1, at + 30_000), at)).toBe(step + 1n);
    expect(matchTotp(SEED.sha1, totp(SEED.sha1, at - 90_000), at)).toBeNull();
    expect(matchTotp(SEED.sha1, "1' OR '1'='1", at)).toBeNull();
    expect(matchTotp(SEED.sha1, '12345', at)).toBeNull();
  });

  it('encodes base32 as RFC 4648 does', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI======').toString()).toBe('foobar');
    expect(base32Decode(base32Encode(SEED.sha512)).equals(SEED.sha512)).toBe(true);
  });
});
