import { HubException } from '../common/errors/hub.exception.js';

export class AuthException extends HubException {}

export const AuthErrors = {
  missingKey: () =>
    new AuthException(
      'AUTH.MISSING_API_KEY',
      'Thiếu khóa API: gửi tiêu đề "Authorization: Bearer <khóa>" do quản trị viên cấp cho hệ thống nguồn.',
      401,
    ),
  invalidKey: () => new AuthException('AUTH.INVALID_API_KEY', 'Khóa API không hợp lệ.', 401),
  revokedKey: () =>
    new AuthException(
      'AUTH.API_KEY_REVOKED',
      'Khóa API đã bị thu hồi; liên hệ quản trị viên để được cấp khóa mới.',
      401,
    ),
  sourceDisabled: (sourceId: string) =>
    new AuthException('AUTH.SOURCE_DISABLED', `Hệ thống nguồn "${sourceId}" đang bị tạm dừng.`, 403),
};
