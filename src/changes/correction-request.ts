import { HubException } from '../common/errors/hub.exception.js';

/** Long enough for a legal ground with its document references, short enough to stay a reason. */
export const MAX_REASON_LENGTH = 1000;

/** What an official sends to correct a registered event. */
export interface CorrectionRequest {
  /** The whole corrected standard record (contracts/v1), not a patch. */
  record: Record<string, unknown>;
  reason: string;
  /** Only `true` saves; anything else asks for the preview and changes nothing. */
  confirm: boolean;
  /** The version the official previewed; when given, a change made meanwhile refuses the save. */
  expectedVersion: number | null;
}

/** Parses the body of `POST …/events/:id/corrections`; errors name the field, in Vietnamese. */
export function parseCorrectionRequest(body: unknown): CorrectionRequest {
  const b =
    body !== null && typeof body === 'object' && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : {};
  const reason = typeof b.reason === 'string' ? b.reason.normalize('NFC').trim() : '';
  if (reason === '')
    throw new HubException(
      'CHANGE.REASON_REQUIRED',
      'Phải nêu lý do thay đổi sự kiện hộ tịch đã đăng ký (trường "reason"), ví dụ căn cứ cải chính theo sổ hộ tịch.',
      400,
      { field: 'reason' },
    );
  if (reason.length > MAX_REASON_LENGTH)
    throw new HubException(
      'CHANGE.REASON_TOO_LONG',
      `Lý do thay đổi (trường "reason") dài tối đa ${MAX_REASON_LENGTH} ký tự; hiện có ${reason.length} ký tự.`,
      400,
      { field: 'reason', max: MAX_REASON_LENGTH },
    );
  const record = b.record;
  if (record === null || typeof record !== 'object' || Array.isArray(record))
    throw new HubException(
      'CHANGE.RECORD_REQUIRED',
      'Thiếu hồ sơ đã cải chính (trường "record"): gửi toàn bộ hồ sơ theo định dạng chuẩn, không chỉ các trường thay đổi.',
      400,
      { field: 'record' },
    );
  if (b.confirm !== undefined && typeof b.confirm !== 'boolean')
    throw new HubException(
      'CHANGE.INVALID_CONFIRM',
      'Trường "confirm" phải là true (lưu thay đổi) hoặc false (chỉ xem trước).',
      400,
      { field: 'confirm' },
    );
  const expected = b.expectedVersion;
  if (
    expected !== undefined &&
    expected !== null &&
    !(Number.isInteger(expected) && (expected as number) >= 1)
  )
    throw new HubException(
      'CHANGE.INVALID_EXPECTED_VERSION',
      'Trường "expectedVersion" phải là số phiên bản (số nguyên từ 1) đã xem trước.',
      400,
      { field: 'expectedVersion' },
    );
  return {
    record: record as Record<string, unknown>,
    reason,
    confirm: b.confirm === true,
    expectedVersion: typeof expected === 'number' ? expected : null,
  };
}
