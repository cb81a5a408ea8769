import type { RecordError } from './record-error.js';

/**
 * Vietnamese messages for the structural constraints of contracts/v1. The constraint name is the
 * class-validator name (or a custom one of contracts/v1); the code is `STRUCTURE.<NAME>`.
 */
const MESSAGES: Record<string, string> = {
  whitelistValidation: 'Trường không có trong định dạng chuẩn v1; hãy bỏ trường này.',
  isDefined: 'Thiếu trường bắt buộc.',
  isNotEmpty: 'Trường không được để trống.',
  isString: 'Giá trị phải là chuỗi ký tự.',
  isBoolean: 'Giá trị phải là true hoặc false.',
  isInt: 'Giá trị phải là số nguyên.',
  isNumber: 'Giá trị phải là số.',
  isObject: 'Giá trị phải là một đối tượng.',
  isArray: 'Giá trị phải là một danh sách.',
  nestedValidation: 'Giá trị phải là một đối tượng đúng cấu trúc.',
  maxLength: 'Giá trị quá dài.',
  minLength: 'Giá trị quá ngắn.',
  arrayMinSize: 'Danh sách có quá ít phần tử.',
  arrayMaxSize: 'Danh sách có quá nhiều phần tử.',
  arrayNotEmpty: 'Danh sách không được rỗng.',
  min: 'Giá trị nhỏ hơn mức cho phép.',
  max: 'Giá trị lớn hơn mức cho phép.',
  isEnum: 'Giá trị không thuộc danh mục cho phép.',
  isIn: 'Giá trị không thuộc danh mục cho phép.',
  equals: 'Giá trị không đúng.',
  matches: 'Giá trị không đúng định dạng.',
  unknownValue: 'Giá trị không được nhận dạng.',
  // The contract's own constraints (contracts/v1/constraints/contract-constraint.enum.ts).
  isRecordObject: 'Hồ sơ phải là một đối tượng JSON.',
  isWithinInputLimits: 'Hồ sơ vượt giới hạn kích thước (độ sâu, số phần tử hoặc độ dài chuỗi).',
  isNfcText: 'Văn bản chứa ký tự không hợp lệ (ký tự điều khiển hoặc ký tự lỗi mã hóa).',
  isPartialDate: 'Ngày không hợp lệ: dùng YYYY-MM-DD, YYYY-MM hoặc YYYY và phải là ngày có thật.',
  isFullDate: 'Ngày không hợp lệ: dùng YYYY-MM-DD và phải là ngày có thật.',
  isTimeOfDay: 'Giờ không hợp lệ: dùng HH:mm.',
  isCountryCode: 'Mã quốc tịch/quốc gia phải theo ISO 3166-1 alpha-2 (ví dụ VN).',
  isEthnicityCode: 'Mã dân tộc phải là một trong 54 mã 01–54 của danh mục dân tộc.',
  isPersonalIdNumber: 'Số định danh cá nhân phải gồm đúng 12 chữ số.',
  isIdentityDocumentNumber:
    'Số giấy tờ tùy thân không đúng định dạng của loại giấy tờ (CCCD 12 số, CMND 9 hoặc 12 số).',
  isAdminUnitCode: 'Mã đơn vị hành chính phải gồm 2 (tỉnh), 3 (huyện) hoặc 5 (xã) chữ số.',
  isAuthorityCode: 'Mã cơ quan đăng ký không đúng định dạng (ví dụ UBND-X-00004, STP-01, DSQ-JP).',
  isSourceId: 'Mã nguồn không đúng định dạng (chữ thường, số, dấu gạch ngang).',
  isNonEmptyPlace: 'Địa điểm phải có ít nhất đơn vị hành chính, địa chỉ, cơ sở y tế hoặc quốc gia.',
  detailsRequired: 'Thiếu phần thông tin riêng bắt buộc của loại sự kiện này.',
  detailsMatchEventType: 'Phần thông tin riêng không thuộc loại sự kiện đã khai; hãy bỏ phần này.',
  registrationKindAllowed: 'Đăng ký lại chỉ áp dụng cho khai sinh, kết hôn và khai tử.',
  reRegistrationMatchesKind: 'Thông tin đăng ký lại chỉ dùng khi registrationKind là RE_REGISTRATION.',
  requiredRolesPresent:
    'Thiếu người có vai trò bắt buộc của sự kiện (ví dụ trẻ được khai sinh, người chết, vợ và chồng).',
};

function constraintCode(constraint: string): string {
  if (constraint === 'whitelistValidation') return 'STRUCTURE.UNKNOWN_FIELD';
  return 'STRUCTURE.' + constraint.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

export function structuralError(path: string, constraint: string): RecordError {
  return {
    path,
    code: constraintCode(constraint),
    message: MESSAGES[constraint] ?? 'Giá trị không hợp lệ theo định dạng chuẩn v1.',
  };
}
