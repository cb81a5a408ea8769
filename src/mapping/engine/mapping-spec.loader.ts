import { basename, join } from 'node:path';
import { EventType } from '../../../contracts/v1/code-lists/event-type.enum.js';
import { Role } from '../../../contracts/v1/code-lists/role.enum.js';
import { LEGACY_ENCODINGS } from '../legacy-text/index.js';
import { BUILT_IN_CODE_TABLES, buildCodeTable } from './code-tables.js';
import { compileDateFormat } from './legacy-date.parser.js';
import { MappingException } from './mapping.exception.js';
import { parseSpecYaml, readSpecFile } from './spec-file.js';
import type {
  FieldRule,
  InputSpec,
  MappingSpec,
  NameSources,
  RecordSpec,
  TextEncoding,
  Transform,
  UnitLevel,
  ValueSource,
} from './mapping-spec.model.js';
import { SpecNode } from './spec-node.util.js';
import { parseTargetPath } from './target-path.util.js';

export const MAPPING_FILE = 'mapping.yaml';

const ENCODINGS: readonly TextEncoding[] = [...LEGACY_ENCODINGS, 'auto'];
const LEVELS: readonly UnitLevel[] = ['PROVINCE', 'DISTRICT', 'COMMUNE'];
const SOURCE_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;
/** A source path: dot-separated names, list positions as [n] (HoSo.NguoiDuocKS.HoTen, Con[0].Ten). */
const SOURCE_PATH = /^[\p{L}_][\p{L}\p{N}_@#:-]*(\[\d+\])?(\.[\p{L}_][\p{L}\p{N}_@#:-]*(\[\d+\])?)*$/u;
const TRANSFORM_KEYS = ['date', 'code', 'unit', 'authority', 'integer'] as const;
const SOURCE_KEYS = ['from', 'firstOf', 'concat', 'const', 'name'] as const;

/** Reads mappings/<source-id>/mapping.yaml; any problem throws MAPPING.SPEC_INVALID naming file and field. */
export async function loadMappingDir(dir: string): Promise<MappingSpec> {
  const file = join(dir, MAPPING_FILE);
  const text = await readSpecFile(file);
  const spec = parseMappingText(text, file);
  if (spec.sourceId !== basename(dir)) {
    throw new MappingException(
      'MAPPING.SPEC_INVALID',
      `${file}: source: '${spec.sourceId}' must be the folder's name '${basename(dir)}'`,
    );
  }
  return spec;
}

export function parseMappingText(text: string, file: string): MappingSpec {
  const value = parseSpecYaml(text, file);
  const root = SpecNode.root(value, file).onlyKeys([
    'source',
    'description',
    'input',
    'codeTables',
    'records',
  ]);
  const codeTables = readCodeTables(root.get('codeTables'));
  const records = root.get('records').items();
  if (records.length === 0) root.get('records').fail('at least one record mapping');
  const input = readInput(root.get('input'));
  const specs = records.map((node) => readRecord(node, input, codeTables));
  if (input.format === 'rows') {
    const tables = new Set<string>();
    records.forEach((node, i) => {
      const table = specs[i].table ?? node.get('table').fail('the table the rows come from');
      if (tables.has(table)) node.get('table').fail('a table not mapped twice');
      tables.add(table);
    });
  } else if (specs.length > 1) {
    root
      .get('records')
      .fail(`one record mapping for ${input.format} input (several only for rows from tables)`);
  }
  return {
    sourceId: root.get('source').text(SOURCE_ID, 'a source id (lower case letters, digits, hyphens)'),
    file,
    description: root.get('description').optionalText(),
    input,
    codeTables,
    records: specs,
  };
}

function readInput(node: SpecNode): InputSpec {
  node.onlyKeys(['format', 'encoding', 'delimiter', 'recordPath']);
  const format = node.get('format').oneOf(['csv', 'xml', 'rows'] as const);
  const encoding = node.get('encoding').present ? node.get('encoding').oneOf(ENCODINGS) : 'utf8';
  const delimiter = node.get('delimiter').optionalText(/^(,|;|\t|\|)$/, "one of ',', ';', '|' or a tab");
  const recordPath = node.get('recordPath').optionalText(SOURCE_PATH, 'a dot path to the record element');
  if (format === 'xml' && recordPath === undefined)
    node.get('recordPath').fail('a dot path to the record element');
  if (format !== 'csv' && delimiter !== undefined) node.get('delimiter').fail('no delimiter outside csv');
  return { format, encoding, ...(delimiter ? { delimiter } : {}), ...(recordPath ? { recordPath } : {}) };
}

function readCodeTables(node: SpecNode): Map<string, ReadonlyMap<string, string>> {
  const tables = new Map<string, ReadonlyMap<string, string>>(BUILT_IN_CODE_TABLES);
  if (!node.present) return tables;
  for (const name of node.keys()) {
    if (BUILT_IN_CODE_TABLES.has(name))
      node.get(name).fail(`a name other than the built-in tables (${name})`);
    const tableNode = node.get(name);
    const entries = tableNode.keys().map((key) => [key, tableNode.get(key).scalarText()] as const);
    if (entries.length === 0) tableNode.fail('at least one entry');
    tables.set(name, buildCodeTable(entries));
  }
  return tables;
}

function readRecord(
  node: SpecNode,
  input: InputSpec,
  codeTables: ReadonlyMap<string, ReadonlyMap<string, string>>,
): RecordSpec {
  node.onlyKeys(['name', 'table', 'eventType', 'recordId', 'sourceVersion', 'historical', 'fields']);
  const eventType = node.get('eventType').oneOf(Object.values(EventType));
  const table = node.get('table').optionalText(/^[\p{L}_][\p{L}\p{N}_]*$/u, 'a table name');
  if (table !== undefined && input.format !== 'rows') node.get('table').fail('no table outside rows input');
  const targets = new Set<string>();
  const fields = node
    .get('fields')
    .items()
    .map((fieldNode) => {
      const rule = readField(fieldNode, input, codeTables, targets);
      targets.add(rule.to);
      if (rule.source.kind === 'name') for (const part of NAME_TARGETS) targets.add(`${rule.to}.${part}`);
      if (rule.transform.kind === 'authority') {
        targets.add(`${rule.to}.authorityCode`);
        targets.add(`${rule.to}.authorityName`);
      }
      return rule;
    });
  return {
    name: node.get('name').optionalText() ?? table ?? eventType,
    ...(table ? { table } : {}),
    eventType,
    recordId: readTemplate(node.get('recordId')),
    ...(node.get('sourceVersion').present ? { sourceVersion: readTemplate(node.get('sourceVersion')) } : {}),
    historical: node.get('historical').boolean(false),
    fields,
  };
}

const NAME_TARGETS = ['fullName', 'familyName', 'middleName', 'givenName'] as const;

function readTemplate(node: SpecNode): string {
  const template = node.text(undefined, "a template of source fields such as '{quyen}/{so}'");
  const fields = [...template.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
  if (fields.length === 0 || fields.some((f) => !SOURCE_PATH.test(f))) {
    node.fail("a template naming at least one source field in braces, such as '{quyen}/{so}'");
  }
  return template;
}

function readField(
  node: SpecNode,
  input: InputSpec,
  codeTables: ReadonlyMap<string, ReadonlyMap<string, string>>,
  earlierTargets: ReadonlySet<string>,
): FieldRule {
  node.onlyKeys(['to', ...SOURCE_KEYS, ...TRANSFORM_KEYS, 'encoding', 'default', 'required']);
  const toNode = node.get('to');
  const to = toNode.text();
  try {
    parseTargetPath(to);
  } catch (err) {
    toNode.fail(err instanceof Error ? err.message : 'a standard-record path');
  }
  const sourceKeys = SOURCE_KEYS.filter((k) => node.get(k).present);
  if (sourceKeys.length !== 1) node.fail(`exactly one of ${SOURCE_KEYS.join(', ')}`);
  const transformKeys = TRANSFORM_KEYS.filter((k) => node.get(k).present);
  if (transformKeys.length > 1) node.fail(`at most one of ${TRANSFORM_KEYS.join(', ')}`);
  const source = readSource(node, sourceKeys[0]);
  const transform = readTransform(node, transformKeys[0], codeTables, earlierTargets);
  if (source.kind === 'name' && transform.kind !== 'text')
    node.fail('no transform with name (it sets the name parts)');
  if (transform.kind === 'authority' && source.kind === 'name') node.fail('a code for the authority');
  const encoding = node.get('encoding').present ? node.get('encoding').oneOf(ENCODINGS) : undefined;
  if (encoding === 'auto' && input.format !== 'csv')
    node.get('encoding').fail('a named encoding (auto only for csv)');
  return {
    to,
    source,
    transform,
    ...(encoding ? { encoding } : {}),
    ...(node.get('default').present ? { default: node.get('default').scalar() } : {}),
    required: node.get('required').boolean(false),
    at: node.path(),
  };
}

function readSource(node: SpecNode, key: (typeof SOURCE_KEYS)[number]): ValueSource {
  const child = node.get(key);
  switch (key) {
    case 'from':
      return { kind: 'path', path: child.text(SOURCE_PATH, 'a source field path') };
    case 'const':
      return { kind: 'const', value: child.scalar() };
    case 'firstOf': {
      const paths = child.items().map((p) => p.text(SOURCE_PATH, 'a source field path'));
      if (paths.length < 2) child.fail('at least two source fields');
      return { kind: 'first', paths };
    }
    case 'concat': {
      const list = child.present && Array.isArray(child.value) ? child : child.get('fields');
      const paths = list.items().map((p) => p.text(SOURCE_PATH, 'a source field path'));
      if (paths.length < 2) list.fail('at least two source fields');
      const separator =
        Array.isArray(child.value) || !child.get('separator').present
          ? ' '
          : String(child.get('separator').scalar());
      if (!Array.isArray(child.value)) child.onlyKeys(['fields', 'separator']);
      return { kind: 'concat', paths, separator };
    }
    case 'name': {
      child.onlyKeys(['full', 'family', 'middle', 'given']);
      const pick = (k: keyof NameSources): string | undefined =>
        child.get(k).optionalText(SOURCE_PATH, 'a source field path');
      const name: NameSources = {
        full: pick('full'),
        family: pick('family'),
        middle: pick('middle'),
        given: pick('given'),
      };
      if (name.full !== undefined && (name.family ?? name.middle ?? name.given) !== undefined) {
        child.fail('either full, or family/middle/given, not both');
      }
      if (name.full === undefined && name.given === undefined && name.family === undefined) {
        child.fail('full, or at least family or given');
      }
      return { kind: 'name', name };
    }
  }
}

function readTransform(
  node: SpecNode,
  key: (typeof TRANSFORM_KEYS)[number] | undefined,
  codeTables: ReadonlyMap<string, ReadonlyMap<string, string>>,
  earlierTargets: ReadonlySet<string>,
): Transform {
  if (key === undefined) return { kind: 'text' };
  const child = node.get(key);
  const asOf = (n: SpecNode): string => {
    const target = n.text();
    if (!earlierTargets.has(target)) n.fail('the target path of a date mapped by an earlier field');
    return target;
  };
  const tableRef = (n: SpecNode): string | undefined => {
    const name = n.optionalText();
    if (name !== undefined && !codeTables.has(name)) n.fail(`a code table declared under codeTables`);
    return name;
  };
  switch (key) {
    case 'integer':
      if (child.value !== true) child.fail('true');
      return { kind: 'integer' };
    case 'code':
      return { kind: 'code', table: tableRef(child) ?? child.fail('a code table') };
    case 'date': {
      child.onlyKeys(['formats', 'pivot', 'partial']);
      const formats = child
        .get('formats')
        .items()
        .map((f) => {
          const format = f.text();
          try {
            compileDateFormat(format);
          } catch (err) {
            f.fail(`a date format (${err instanceof Error ? err.message : 'unreadable'})`);
          }
          return format;
        });
      if (formats.length === 0) child.get('formats').fail('at least one date format');
      const pivot = child.get('pivot').present ? child.get('pivot').integer(0, 99) : 30;
      return { kind: 'date', rule: { formats, pivot, partial: child.get('partial').boolean(false) } };
    }
    case 'unit': {
      child.onlyKeys(['level', 'asOf', 'table']);
      const table = tableRef(child.get('table'));
      return {
        kind: 'unit',
        rule: {
          level: child.get('level').oneOf(LEVELS),
          asOf: asOf(child.get('asOf')),
          ...(table ? { table } : {}),
        },
      };
    }
    case 'authority': {
      child.onlyKeys(['asOf', 'unitLevel', 'table']);
      const table = tableRef(child.get('table'));
      const unitLevel = child.get('unitLevel').present ? child.get('unitLevel').oneOf(LEVELS) : undefined;
      return {
        kind: 'authority',
        rule: {
          asOf: asOf(child.get('asOf')),
          ...(unitLevel ? { unitLevel } : {}),
          ...(table ? { table } : {}),
        },
      };
    }
  }
}

export const KNOWN_ROLES: readonly string[] = Object.values(Role);
