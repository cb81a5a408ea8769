import { describe, expect, it } from '@jest/globals';
import { decodeLegacyText, encodeLegacyText, type LegacyEncoding } from '../legacy-text/index.js';
import { VietnameseTextGenerator } from '../legacy-text/vietnamese-text.generator.js';
import { toSourceText, type SourceText } from './source-text.util.js';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** toSourceText without its shortcuts (every value decoded, normalised and tidied): the reference. */
function reference(value: string, rawBytes: boolean, encoding: LegacyEncoding | undefined): SourceText {
  if (value.length > 4000) return { ok: false, problem: 'VALUE_TOO_LONG' };
  if (CONTROL.test(value)) return { ok: false, problem: 'CONTROL_CHARACTER' };
  const legacy = encoding !== undefined && encoding !== 'utf8' && encoding !== 'ascii';
  let text = value;
  let decodedWith: LegacyEncoding | undefined;
  const eightBit = [...value].every((c) => c.charCodeAt(0) <= 0xff);
  if (rawBytes || (legacy && eightBit)) {
    text = decodeLegacyText(Buffer.from(value, 'latin1'), encoding ?? 'utf8', { tcvn3Capitals: 'infer' });
    if (legacy && text !== value) decodedWith = encoding;
  }
  if (text.includes('\ufffd')) return { ok: false, problem: 'INVALID_BYTES' };
  if (CONTROL.test(text)) return { ok: false, problem: 'CONTROL_CHARACTER' };
  return {
    ok: true,
    text: text.normalize('NFC').replace(/\s+/gu, ' ').trim(),
    ...(decodedWith ? { decodedWith } : {}),
  };
}

describe('toSourceText', () => {
  const gen = new VietnameseTextGenerator(42);
  const spacing = ['', ' ', '  ', '\t', '\u00a0', '\r\n'];
  const values: string[] = [];
  for (let i = 0; i < 400; i++) {
    const pad = (): string => spacing[Math.floor(gen.next() * spacing.length)];
    const name = gen.next() < 0.2 ? gen.fullName().toUpperCase() : gen.fullName();
    values.push(`${pad()}${name}${pad()}`, `${pad()}${gen.date()}${pad()}`, `${i}`, `A${pad()}B${pad()}`);
  }

  it.each<LegacyEncoding>(['tcvn3', 'vni', 'windows-1258', 'viscii', 'utf8'])(
    'gives what decoding every value in full gives, for CSV bytes in %s',
    (encoding) => {
      for (const value of values) {
        const bytes = encodeLegacyText(value, encoding).toString('latin1');
        expect(toSourceText(bytes, true, encoding)).toEqual(reference(bytes, true, encoding));
      }
    },
  );

  it('gives the same as the reference for text read from XML or SQL, legacy bytes or not', () => {
    for (const value of values) {
      expect(toSourceText(value, false, 'tcvn3')).toEqual(reference(value, false, 'tcvn3'));
      expect(toSourceText(value, false, undefined)).toEqual(reference(value, false, undefined));
    }
  });

  it('collapses whitespace in plain ASCII values and refuses damaged ones', () => {
    expect(toSourceText('  12\t/ 03 /2017 ', true, 'tcvn3')).toEqual({ ok: true, text: '12 / 03 /2017' });
    expect(toSourceText('12/03/2017', true, 'tcvn3')).toEqual({ ok: true, text: '12/03/2017' });
    expect(toSourceText('An\u0000', true, 'tcvn3')).toEqual({ ok: false, problem: 'CONTROL_CHARACTER' });
    // A replacement character in text from XML is damage even though nothing was decoded here.
    expect(toSourceText('Nguy\ufffdn', false, undefined)).toEqual({ ok: false, problem: 'INVALID_BYTES' });
    // TCVN3 0xC0 is unassigned: the byte is refused, not read as Windows-1252 'À'.
    expect(toSourceText('\xc0n', true, 'tcvn3')).toEqual({ ok: false, problem: 'INVALID_BYTES' });
  });

  it('restores toned capitals of a name typed in capitals in TCVN3', () => {
    const bytes = encodeLegacyText('NGUYỄN THỊ HỒNG', 'tcvn3').toString('latin1');
    expect(toSourceText(bytes, true, 'tcvn3')).toEqual({
      ok: true,
      text: 'NGUYỄN THỊ HỒNG',
      decodedWith: 'tcvn3',
    });
  });
});
