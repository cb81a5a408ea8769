import type { RecordError } from '../record-error.js';
import type { AuthorityVersionView } from '../reference-data.port.js';
import type { RuleContext, RuleRecord } from './rule-context.js';

export type AuthorityCheck =
  | { ok: true; authority: AuthorityVersionView; currentProvinces: readonly string[] }
  | { ok: false; errors: RecordError[] };

/**
 * The registering authority must exist and be competent on the registration date (authorities are
 * data with validity periods: district People's Committees registered until 2025-06-30 only), and a
 * source may submit only records of authorities in its own province, or, before the merger, in one
 * of that province's predecessors.
 */
export function checkAuthority(record: RuleRecord, ctx: RuleContext): AuthorityCheck {
  const { authorityCode, registeredOn } = record.registerRef;
  const path = 'registerRef.authorityCode';
  const authority = ctx.authorities.resolve(authorityCode, registeredOn);
  if (!authority) {
    const versions = ctx.authorities.versions(authorityCode);
    const errors: RecordError[] =
      versions.length === 0
        ? [{ path, code: 'RULE.AUTHORITY_UNKNOWN', message: `Không có cơ quan đăng ký mã ${authorityCode}.` }]
        : [
            {
              path,
              code: 'RULE.AUTHORITY_NOT_COMPETENT_ON_DATE',
              message: `Cơ quan ${authorityCode} không có thẩm quyền đăng ký vào ngày ${registeredOn} (hiệu lực: ${versions
                .map((v) => `${v.name}, ${v.validFrom ?? '…'} – ${v.validTo ?? 'nay'}`)
                .join('; ')}).`,
            },
          ];
    return { ok: false, errors };
  }
  // A registration date in the future is refused by the date rule; it cannot be rolled up to today.
  if (registeredOn > ctx.today) return { ok: true, authority, currentProvinces: [] };
  const currentProvinces = ctx.authorities.currentProvincesOf(authorityCode, registeredOn);
  if (!currentProvinces.includes(ctx.sourceProvinceCode)) {
    return {
      ok: false,
      errors: [
        {
          path,
          code: 'AUTH.OUTSIDE_SOURCE_PROVINCE',
          message: `Nguồn dữ liệu chỉ được gửi hồ sơ của tỉnh ${ctx.sourceProvinceCode}; ${authority.name} không thuộc tỉnh này.`,
        },
      ],
    };
  }
  return { ok: true, authority, currentProvinces };
}

export function checkSourceIdentity(record: RuleRecord, ctx: RuleContext): RecordError[] {
  if (record.source.sourceId === ctx.sourceId) return [];
  return [
    {
      path: 'source.sourceId',
      code: 'AUTH.SOURCE_MISMATCH',
      message: `Mã nguồn trong hồ sơ (${record.source.sourceId}) khác nguồn đã xác thực (${ctx.sourceId}).`,
    },
  ];
}
