import pino from 'pino';
import { Writable } from 'node:stream';
import { MASK, maskPersonalData, PINO_REDACT_PATHS } from './personal-data.mask.js';

describe('personal data in logs', () => {
  it('masks names and ID numbers at any depth of an object', () => {
    const masked = maskPersonalData({
      outcome: 'rejected',
      parties: [{ role: 'CHILD', person: { fullName: 'Nguyễn Văn An', personalIdNumber: '001223004567' } }],
    });
    const text = JSON.stringify(masked);
    expect(text).not.toContain('Nguyễn');
    expect(text).not.toContain('001223004567');
    expect(text).toContain('rejected');
    expect(text).toContain(MASK);
  });

  it('makes pino drop the authorization header and personal fields', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    const log = pino({ redact: { paths: PINO_REDACT_PATHS, censor: MASK } }, sink);
    log.info(
      { req: { headers: { authorization: 'Bearer hub_secret' } }, person: { fullName: 'Trần Thị Bình' } },
      'x',
    );
    expect(lines.join('')).not.toContain('hub_secret');
    expect(lines.join('')).not.toContain('Trần');
  });
});
