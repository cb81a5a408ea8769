import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AdminUnitCatalogue } from './admin-unit.catalogue.js';
import { AdminUnitsException } from './admin-units.exception.js';
import {
  applyCodeCorrections,
  parseCodeCorrections,
  type CodeCorrection,
} from './code-corrections.parser.js';
import { parseNewToOld, parseOldToNew } from './crosswalk-file.parser.js';
import { Crosswalk } from './crosswalk.index.js';
import { failIdPrefixRow, parseIdPrefixCsv, type IdPrefixRow } from './id-prefix-file.parser.js';
import { isIsoDate } from './iso-date.util.js';
import { JsonNode } from './json-node.util.js';
import { parsePre2025Units, parseSnapshotUnits } from './unit-file.parser.js';
import type { UnitRecord } from './unit-record.model.js';
import { buildUnitVersions, type DatedUnitList } from './unit-versions.builder.js';

export const ADMIN_UNIT_FILES = {
  pre2025: 'units-pre-2025.json',
  newToOld: 'crosswalk-new-to-old.json',
  oldToNew: 'crosswalk-old-to-new.json',
  idPrefixes: 'id-prefix-63-to-34.csv',
  codeCorrections: 'code-corrections.json',
} as const;

/** Later lists (units-2026-04-30.json ...) are picked up by name; the first one is the 2025 reorganisation. */
const DATED_LIST = /^units-(\d{4}-\d{2}-\d{2})\.json$/;

/**
 * Reads and checks every file once; any broken file stops start-up with its name and field.
 * Files are read one after the other so that each parsed tree can be dropped once its records are
 * taken: the peak stays near one file's worth, and only the unit versions are kept (~7 MB).
 */
export async function loadAdminUnitCatalogue(dir: string): Promise<AdminUnitCatalogue> {
  const datedNames = (await listDirectory(dir)).filter((name) => DATED_LIST.test(name)).sort();
  if (datedNames.length === 0) fail(`${dir}: no units-YYYY-MM-DD.json file`);
  const file = (name: string): string => join(dir, name);

  const preRecords = unique(
    parsePre2025Units(await readJson(file(ADMIN_UNIT_FILES.pre2025))),
    file(ADMIN_UNIT_FILES.pre2025),
  );
  const corrections = await readOptionalJson(file(ADMIN_UNIT_FILES.codeCorrections));
  const lists = await datedLists(datedNames, corrections ? parseCodeCorrections(corrections) : [], file);
  const built = buildUnitVersions(preRecords, lists);
  const [reorganisation] = lists;
  if (reorganisation === undefined) fail(`${dir}: no units-YYYY-MM-DD.json file`);
  const { crosswalk, warnings } = Crosswalk.build({
    newToOld: parseNewToOld(await readJson(file(ADMIN_UNIT_FILES.newToOld))),
    oldToNew: parseOldToNew(await readJson(file(ADMIN_UNIT_FILES.oldToNew))),
    oldCodes: new Set(preRecords.map((r) => r.code)),
    newCodes: new Set(reorganisation.records.map((r) => r.code)),
    newFile: reorganisation.file,
  });
  const idFile = file(ADMIN_UNIT_FILES.idPrefixes);
  checkIdPrefixes(parseIdPrefixCsv(await readText(idFile), idFile), preRecords, crosswalk, idFile);
  return new AdminUnitCatalogue({
    versions: built.versions,
    crosswalk,
    reorganisationDate: reorganisation.date,
    warnings: [...built.notes, ...warnings],
  });
}

async function datedLists(
  names: readonly string[],
  corrections: readonly CodeCorrection[],
  file: (name: string) => string,
): Promise<DatedUnitList[]> {
  const applied = new Set<CodeCorrection>();
  const lists: DatedUnitList[] = [];
  for (const name of names) {
    const date = DATED_LIST.exec(name)?.[1] ?? '';
    if (!isIsoDate(date)) fail(`${file(name)}: the name does not hold a real date`);
    const records = parseSnapshotUnits(await readJson(file(name)));
    lists.push({
      file: file(name),
      date,
      records: unique(applyCodeCorrections(records, corrections, applied), file(name)),
    });
  }
  for (const correction of corrections) {
    if (!applied.has(correction))
      correction.node.get('code').fail('a commune code found in a units-YYYY-MM-DD.json file');
  }
  return lists;
}

/**
 * The prefix file is derived from the crosswalk; checking the one against the other catches a
 * stale copy of either.
 */
function checkIdPrefixes(
  rows: readonly IdPrefixRow[],
  pre2025: readonly UnitRecord[],
  crosswalk: Crosswalk,
  file: string,
): void {
  const provinces = new Set(pre2025.filter((r) => r.level === 'PROVINCE').map((r) => r.code));
  for (const row of rows) {
    if (!provinces.delete(row.oldProvinceCode)) {
      failIdPrefixRow(file, row, 'old_province_code', 'a pre-2025 province code, once', row.oldProvinceCode);
    }
    const successors = crosswalk.successorsOf(row.oldProvinceCode).map((s) => s.code);
    if (successors.length !== 1 || successors[0] !== row.newProvinceCode) {
      failIdPrefixRow(
        file,
        row,
        'new_province_code_2025',
        `"${successors.join('|')}" (the crosswalk)`,
        row.newProvinceCode,
      );
    }
  }
  if (provinces.size > 0) fail(`${file}: no row for old province(s) ${[...provinces].join(', ')}`);
}

function unique(records: readonly UnitRecord[], file: string): readonly UnitRecord[] {
  const seen = new Set<string>();
  for (const record of records) {
    if (seen.has(record.code)) fail(`${file}: code ${record.code} appears more than once`);
    seen.add(record.code);
  }
  return records;
}

async function listDirectory(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (cause) {
    return fail(`${dir}: cannot read the administrative-units directory`, cause);
  }
}

async function readText(path: string): Promise<string> {
  try {
    return withoutBom(await readFile(path, 'utf8'));
  } catch (cause) {
    return fail(`${path}: cannot be read`, cause);
  }
}

function withoutBom(text: string): string {
  return text.replace(/^\uFEFF/, '');
}

async function readJson(path: string): Promise<JsonNode> {
  return JsonNode.parse(await readText(path), path);
}

async function readOptionalJson(path: string): Promise<JsonNode | undefined> {
  try {
    return JsonNode.parse(withoutBom(await readFile(path, 'utf8')), path);
  } catch (cause) {
    // Duck-typed: fs errors may come from another realm than this module's Error (Jest's VM).
    if (typeof cause === 'object' && cause !== null && 'code' in cause && cause.code === 'ENOENT')
      return undefined;
    throw cause;
  }
}

function fail(message: string, cause?: unknown): never {
  throw new AdminUnitsException('ADMIN_UNITS.DATA_INVALID', message, { cause });
}
