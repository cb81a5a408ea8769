import { HubException } from '../common/errors/hub.exception.js';
import { MAX_REASON_LENGTH, parseCorrectionRequest } from './correction-request.js';

const refusal = (body: unknown): { code: string; message: string; field: unknown } => {
  try {
    parseCorrectionRequest(body);
  } catch (e) {
    if (e instanceof HubException) return { code: e.code, message: e.message, field: e.details?.field };
    throw e;
  }
  throw new Error('accepted');
};

describe('parseCorrectionRequest', () => {
  const record = { eventType: 'BIRTH' };

  it('reads the record, the reason (trimmed, NFC) and the confirmation', () => {
    // "Cải chính" written with combining marks (NFD), as some keyboards send it.
    const reason = '  Cải chính theo sổ  '.normalize('NFD');
    expect(parseCorrectionRequest({ record, reason, confirm: true, expectedVersion: 3 })).toEqual({
      record,
      reason: 'Cải chính theo sổ',
      confirm: true,
      expectedVersion: 3,
    });
    expect(parseCorrectionRequest({ record, reason: 'x' })).toMatchObject({
      confirm: false,
      expectedVersion: null,
    });
  });

  it('refuses a missing, blank or overlong reason with a Vietnamese message naming the field', () => {
    for (const body of [{ record }, { record, reason: '  ' }, { record, reason: 12 }, null, []]) {
      expect(refusal(body)).toMatchObject({ code: 'CHANGE.REASON_REQUIRED', field: 'reason' });
    }
    expect(refusal({ record }).message).toMatch(/^Phải nêu lý do/);
    const long = refusal({ record, reason: 'a'.repeat(MAX_REASON_LENGTH + 1) });
    expect(long).toMatchObject({ code: 'CHANGE.REASON_TOO_LONG', field: 'reason' });
    expect(long.message).toContain(`${MAX_REASON_LENGTH + 1} ký tự`);
    expect(parseCorrectionRequest({ record, reason: 'a'.repeat(MAX_REASON_LENGTH) }).reason).toHaveLength(
      MAX_REASON_LENGTH,
    );
  });

  it('refuses a missing record, a confirm that is not a boolean and a bad expected version', () => {
    expect(refusal({ reason: 'r' })).toMatchObject({ code: 'CHANGE.RECORD_REQUIRED', field: 'record' });
    expect(refusal({ reason: 'r', record: [record] })).toMatchObject({ code: 'CHANGE.RECORD_REQUIRED' });
    expect(refusal({ reason: 'r', record, confirm: 'yes' })).toMatchObject({
      code: 'CHANGE.INVALID_CONFIRM',
      field: 'confirm',
    });
    for (const expectedVersion of [0, 1.5, '2'])
      expect(refusal({ reason: 'r', record, expectedVersion })).toMatchObject({
        code: 'CHANGE.INVALID_EXPECTED_VERSION',
      });
  });
});
