import { join } from 'node:path';
import type { MappingSpec } from '../../src/mapping/engine/mapping-spec.model.js';
import { parseSpecYaml, readSpecFile } from '../../src/mapping/engine/spec-file.js';
import { SpecNode } from '../../src/mapping/engine/spec-node.util.js';
import type { PollPlan, TablePoll, Watermark } from './poll-plan.model.js';

export const POLL_FILE = 'poll.yaml';

/** Table and column names are quoted by the dialect, and only plain names are accepted at all. */
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
const ENV_NAME = /^[A-Z][A-Z0-9_]{0,127}$/;
/** One SELECT: no statement separator, no comment that could hide the rest of the wrapped query. */
const SELECT = /^\s*select\s[^;]*$/is;

/**
 * Reads mappings/<source-id>/poll.yaml, checked like the mapping itself: a mistake stops start-up
 * naming the file and the field. Undefined when the source has no poll.yaml (not a SQL source).
 */
export async function loadPollPlan(dir: string, mapping: MappingSpec): Promise<PollPlan | undefined> {
  const file = join(dir, POLL_FILE);
  const text = await readSpecFile(file, true);
  if (text === undefined) return undefined;
  return parsePollPlan(text, file, mapping);
}

export function parsePollPlan(text: string, file: string, mapping: MappingSpec): PollPlan {
  const value = parseSpecYaml(text, file);
  const root = SpecNode.root(value, file).onlyKeys([
    'source',
    'connectionEnv',
    'intervalSeconds',
    'batchSize',
    'tables',
  ]);
  const sourceId = root.get('source').text();
  if (sourceId !== mapping.sourceId) root.get('source').fail(`the mapping's source '${mapping.sourceId}'`);
  if (mapping.input.format !== 'rows') root.fail('a poll plan only for a mapping with input format rows');
  const mapped = new Set(mapping.records.map((r) => r.table));
  const tables = root
    .get('tables')
    .items()
    .map((node): TablePoll => {
      node.onlyKeys(['table', 'query', 'watermark']);
      const table = node.get('table').text(NAME, 'a plain table name');
      if (!mapped.has(table))
        node.get('table').fail(`a table mapped in mapping.yaml (${[...mapped].join(', ')})`);
      const query = node.get('query').present
        ? node.get('query').text(SELECT, 'one SELECT statement without ;')
        : `SELECT * FROM ${table}`;
      if (/--|\/\*/.test(query)) node.get('query').fail('a query without comments');
      return { table, query, watermark: readWatermark(node.get('watermark')) };
    });
  if (tables.length === 0) root.get('tables').fail('at least one table');
  const seen = new Set<string>();
  tables.forEach((t, i) => {
    if (seen.has(t.table)) root.get('tables').items()[i].get('table').fail('a table polled once');
    seen.add(t.table);
  });
  return {
    sourceId,
    file,
    connectionEnv: root.get('connectionEnv').text(ENV_NAME, 'an environment variable name (A-Z, 0-9, _)'),
    intervalMs: root.get('intervalSeconds').present
      ? root.get('intervalSeconds').integer(1, 86_400) * 1000
      : 300_000,
    batchSize: root.get('batchSize').present ? root.get('batchSize').integer(1, 1000) : 500,
    tables,
  };
}

function readWatermark(node: SpecNode): Watermark {
  node.onlyKeys(['kind', 'column', 'id', 'sqlType']);
  const kind = node.get('kind').oneOf(['rowversion', 'updatedAt', 'id'] as const);
  const column = node.get('column').text(NAME, 'a plain column name');
  if (kind === 'updatedAt') {
    const sqlType = node.get('sqlType').present
      ? node.get('sqlType').oneOf(['datetime', 'datetime2'] as const)
      : 'datetime';
    return { kind, column, id: node.get('id').text(NAME, 'the id column breaking ties'), sqlType };
  }
  if (node.get('id').present) node.get('id').fail(`no id for a ${kind} watermark`);
  if (node.get('sqlType').present) node.get('sqlType').fail(`no sqlType for a ${kind} watermark`);
  return { kind, column };
}
