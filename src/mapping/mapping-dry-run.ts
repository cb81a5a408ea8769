import { readFile } from 'node:fs/promises';
import { AdminUnitService } from '../admin-units/admin-unit.service.js';
import { loadAdminUnitCatalogue } from '../admin-units/admin-units.loader.js';
import { resolveAdminUnitsOptions } from '../admin-units/admin-units.options.js';
import { loadListedAuthorities } from '../admin-units/authorities-file.parser.js';
import { RegisteringAuthorityService } from '../admin-units/registering-authority.service.js';
import { SystemClock, type Clock } from '../common/clock.js';
import type { RecordError } from '../validation/record-error.js';
import { RecordValidationService, type SubmitterContext } from '../validation/record-validation.service.js';
import { AdminUnitReferences } from './engine/admin-unit.references.js';
import { MappingException } from './engine/mapping.exception.js';
import { loadMappingDir } from './engine/mapping-spec.loader.js';
import type { MappingIssue, MappingReferences } from './engine/mapping-result.model.js';
import { mapSample } from './engine/sample-mapper.js';

/** One line of the dry run's output: a row's standard record, or why it has none. */
export interface DryRunLine {
  row: number;
  table?: string;
  recordId?: string;
  record?: Record<string, unknown>;
  errors: MappingIssue[];
  needsReview?: true;
  /** With a province given: what the hub's validation says of the mapped record. */
  validationErrors?: RecordError[];
}

export interface DryRunOptions {
  mappingDir: string;
  inputFile: string;
  references: MappingReferences;
  validation?: { service: RecordValidationService; provinceCode: string };
}

/** Reference data without Nest or a database: the dry run must work on an officer's laptop. */
export async function loadReferenceServices(clock: Clock = new SystemClock()): Promise<{
  references: AdminUnitReferences;
  validator: RecordValidationService;
}> {
  const options = resolveAdminUnitsOptions();
  const units = new AdminUnitService(await loadAdminUnitCatalogue(options.unitsDir), clock);
  const authorities = new RegisteringAuthorityService(
    units,
    await loadListedAuthorities(options.authoritiesDir),
  );
  return {
    references: new AdminUnitReferences(units, authorities),
    validator: new RecordValidationService(clock, units, authorities),
  };
}

export async function dryRunMapping(options: DryRunOptions): Promise<DryRunLine[]> {
  const spec = await loadMappingDir(options.mappingDir);
  const bytes = await readFile(options.inputFile).catch((cause: unknown) => {
    throw new MappingException('MAPPING.INPUT_INVALID', `Không đọc được tệp đầu vào ${options.inputFile}.`, {
      cause,
    });
  });
  const lines: DryRunLine[] = [];
  for (const mapped of mapSample(spec, options.references, bytes)) {
    const line: DryRunLine = {
      row: mapped.row,
      ...(mapped.table ? { table: mapped.table } : {}),
      ...(mapped.recordId ? { recordId: mapped.recordId } : {}),
      ...(mapped.record ? { record: mapped.record } : {}),
      errors: [...mapped.issues],
      ...(mapped.needsReview ? { needsReview: true as const } : {}),
    };
    if (mapped.record && options.validation) {
      const submitter: SubmitterContext = {
        sourceId: spec.sourceId,
        provinceCode: options.validation.provinceCode,
      };
      const result = await options.validation.service.validate(mapped.record, submitter);
      line.validationErrors = result.ok ? [] : result.errors;
    }
    lines.push(line);
  }
  return lines;
}
