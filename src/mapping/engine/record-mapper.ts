import type { LegacyEncoding } from '../legacy-text/index.js';
import { compileField, type CompiledRecord } from './compiled-field.js';
import { MESSAGES } from './mapping-messages.vi.js';
import type { MappedRow, MappingReferences, SourceRow } from './mapping-result.model.js';
import type { MappingSpec } from './mapping-spec.model.js';
import { failed, issue, RowMapping } from './row-mapping.js';
import { readSourcePath } from './source-path.util.js';
import { ValueTransformer } from './value-transform.js';

/**
 * Turns one source row into a standard record (contracts/v1 shape, not yet validated: that is the
 * hub's RecordValidationService) with provenance for every value a transform changed. Every field
 * is tried, so a row reports all its problems at once; a row never throws.
 */
export class RecordMapper {
  private readonly records: readonly CompiledRecord[];
  private readonly values: ValueTransformer;

  constructor(
    private readonly spec: MappingSpec,
    references: MappingReferences,
  ) {
    this.values = new ValueTransformer(spec, references);
    this.records = spec.records.map((record) => ({
      spec: record,
      fields: record.fields.map((rule) => compileField(rule)),
    }));
  }

  /**
   * The record id of a row held back before mapping, when its id columns are plain ASCII (then they
   * read the same in every encoding); undefined otherwise.
   */
  asciiRecordIdOf(row: SourceRow): string | undefined {
    const compiled =
      this.spec.input.format === 'rows'
        ? this.records.find((r) => r.spec.table === row.table)
        : this.records[0];
    if (compiled === undefined) return undefined;
    let complete = true;
    const id = compiled.spec.recordId.replace(/\{([^}]*)\}/g, (_, path: string) => {
      const value = readSourcePath(row.values, path);
      const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
      if (text === '' || !/^[\x20-\x7e]+$/.test(text)) complete = false;
      return text;
    });
    return complete && id.length <= 200 ? id : undefined;
  }

  mapRow(row: SourceRow, rowEncoding?: LegacyEncoding): MappedRow {
    const compiled =
      this.spec.input.format === 'rows'
        ? this.records.find((r) => r.spec.table === row.table)
        : this.records[0];
    if (compiled === undefined) {
      return failed(row, undefined, [
        issue(row, undefined, '', 'MAPPING.NO_RECORD_MAPPING', MESSAGES.noRecordMapping(row.table ?? '')),
      ]);
    }
    try {
      return new RowMapping(this.spec, compiled, this.values, row, rowEncoding).run();
    } catch {
      return failed(row, undefined, [issue(row, undefined, '', 'MAPPING.UNEXPECTED', MESSAGES.unexpected())]);
    }
  }
}
