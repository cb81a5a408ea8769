import { unitAuthorityCode } from '../../admin-units/authority-code.util.js';
import { codeKey } from './code-tables.js';
import { FieldIssue, type CompiledField } from './compiled-field.js';
import type { LegacyDateParser } from './legacy-date.parser.js';
import { MESSAGES } from './mapping-messages.vi.js';
import type { MappingReferences } from './mapping-result.model.js';
import type { MappingSpec } from './mapping-spec.model.js';
import { getTarget } from './target-path.util.js';

type Tree = Record<string, unknown>;

/**
 * A field's text to its standard value: dates, code tables, administrative units and registering
 * authorities as of a date already mapped. A value that cannot be turned throws a FieldIssue.
 */
export class ValueTransformer {
  constructor(
    private readonly spec: MappingSpec,
    private readonly references: MappingReferences,
  ) {}

  apply(field: CompiledField, text: string, record: Tree): { value: unknown; transform?: string } {
    const t = field.rule.transform;
    switch (t.kind) {
      case 'text':
        return { value: text };
      case 'integer':
        if (!/^\d{1,9}$/.test(text)) throw new FieldIssue('MAPPING.NOT_INTEGER', MESSAGES.notInteger(text));
        return { value: Number(text), transform: 'integer' };
      case 'date': {
        const parser = field.date as LegacyDateParser;
        const result = parser.parse(text);
        if (!result.ok) {
          if (result.reason === 'UNREADABLE')
            throw new FieldIssue(
              'MAPPING.DATE_UNREADABLE',
              MESSAGES.dateUnreadable(text, parser.description),
            );
          if (result.reason === 'IMPOSSIBLE')
            throw new FieldIssue('MAPPING.DATE_IMPOSSIBLE', MESSAGES.dateImpossible(text));
          throw new FieldIssue('MAPPING.DATE_PARTIAL', MESSAGES.datePartial(text));
        }
        return { value: result.value, transform: `date:${result.format ?? parser.description}` };
      }
      case 'code': {
        const table = this.spec.codeTables.get(t.table);
        const code = table?.get(codeKey(text));
        if (code === undefined)
          throw new FieldIssue('MAPPING.CODE_UNKNOWN', MESSAGES.codeUnknown(text, t.table));
        return { value: code, transform: `codeTable:${t.table}` };
      }
      case 'unit': {
        const on = dateAt(record, field, 'đơn vị hành chính');
        const code = this.lookup(t.rule.table, text);
        const unit = this.references.unit(code, on);
        if (unit === undefined || unit.level !== t.rule.level) {
          throw new FieldIssue('MAPPING.UNIT_UNKNOWN', MESSAGES.unitUnknown(code, on, t.rule.level));
        }
        return {
          value: { code: unit.code, level: unit.level, name: unit.fullName, asOf: on },
          transform: `unit:${t.rule.table ? `${t.rule.table}+` : ''}${on}`,
        };
      }
      case 'authority': {
        const on = dateAt(record, field, 'cơ quan đăng ký');
        const looked = this.lookup(t.rule.table, text);
        const code =
          t.rule.unitLevel && /^\d{2,5}$/.test(looked) ? unitAuthorityCode(t.rule.unitLevel, looked) : looked;
        const authority = this.references.authority(code, on);
        if (authority === undefined)
          throw new FieldIssue('MAPPING.AUTHORITY_UNKNOWN', MESSAGES.authorityUnknown(code, on));
        return { value: authority, transform: `authority:${on}` };
      }
    }
  }

  private lookup(table: string | undefined, text: string): string {
    if (table === undefined) return text;
    const code = this.spec.codeTables.get(table)?.get(codeKey(text));
    if (code === undefined) throw new FieldIssue('MAPPING.CODE_UNKNOWN', MESSAGES.codeUnknown(text, table));
    return code;
  }
}

function dateAt(record: Tree, field: CompiledField, what: string): string {
  const on = getTarget(record, field.asOf ?? []);
  const asOf =
    field.rule.transform.kind === 'unit' || field.rule.transform.kind === 'authority'
      ? field.rule.transform.rule.asOf
      : '';
  if (typeof on !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(on)) {
    throw new FieldIssue('MAPPING.DATE_NEEDED', MESSAGES.dateNeeded(what, asOf));
  }
  return on;
}

export function isAuthority(value: unknown): value is { code: string; name: string } {
  return typeof value === 'object' && value !== null && 'code' in value && 'name' in value;
}
