import { readFileSync } from 'node:fs';
import { FIELD_KINDS, LEVELS, type FieldName } from './comparison-levels.js';
import { MatchingException } from '../matching.exception.js';

/**
 * The scoring configuration (config/matching/matching.json), validated when it loads: a broken file
 * stops start-up with a message naming the file and the field (CONVENTIONS.md).
 *
 * Per event type, per field, per comparison level: m (how often a true duplicate pair shows this
 * level) and u (how often two different events do). The weight of a level is log2(m/u)
 * (Fellegi–Sunter); a pair's score is the sum over fields; two thresholds split definite duplicate,
 * possible duplicate (review) and new event.
 */
export interface LevelWeights {
  readonly [level: string]: number;
}

export interface EventTypeScoring {
  readonly definite: number;
  readonly possible: number;
  readonly fields: Readonly<Partial<Record<FieldName, LevelWeights>>>;
}

export interface MatchingConfig {
  readonly eventTypes: Readonly<Record<string, EventTypeScoring>>;
  /** Is this spouse the same person (marriage rules)? Same fields, one threshold. */
  readonly person: {
    readonly same: number;
    readonly fields: Readonly<Partial<Record<FieldName, LevelWeights>>>;
  };
}

export const DEFAULT_MATCHING_CONFIG_FILE = 'config/matching/matching.json';

export function loadMatchingConfig(file: string = DEFAULT_MATCHING_CONFIG_FILE): MatchingConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new MatchingException('MATCHING.CONFIG_INVALID', `${file}: cannot be read as JSON`, { cause });
  }
  return parseMatchingConfig(raw, file);
}

export function parseMatchingConfig(raw: unknown, file: string): MatchingConfig {
  const fail = (path: string, what: string): never => {
    throw new MatchingException('MATCHING.CONFIG_INVALID', `${file}: ${path} ${what}`);
  };
  const root = objectAt(raw, 'the file', fail);
  const types = objectAt(root.eventTypes, 'eventTypes', fail);
  const eventTypes: Record<string, EventTypeScoring> = {};
  if (!('DEFAULT' in types)) fail('eventTypes.DEFAULT', 'must exist (used for types without their own)');
  for (const [type, value] of Object.entries(types)) {
    const path = `eventTypes.${type}`;
    const node = objectAt(value, path, fail);
    const definite = numberAt(node.definite, `${path}.definite`, fail);
    const possible = numberAt(node.possible, `${path}.possible`, fail);
    if (!(definite > possible)) fail(`${path}.definite`, `must be greater than possible (${possible})`);
    eventTypes[type] = { definite, possible, fields: parseFields(node.fields, `${path}.fields`, fail) };
  }
  const personNode = objectAt(root.person, 'person', fail);
  return {
    eventTypes,
    person: {
      same: numberAt(personNode.same, 'person.same', fail),
      fields: parseFields(personNode.fields, 'person.fields', fail),
    },
  };
}

type Fail = (path: string, what: string) => never;

function parseFields(value: unknown, path: string, fail: Fail): Partial<Record<FieldName, LevelWeights>> {
  const node = objectAt(value, path, fail);
  const fields: Partial<Record<FieldName, LevelWeights>> = {};
  for (const [name, levelsNode] of Object.entries(node)) {
    if (!(name in FIELD_KINDS))
      fail(`${path}.${name}`, `is not a known field (${Object.keys(FIELD_KINDS).join(', ')})`);
    const field = name as FieldName;
    const levels = objectAt(levelsNode, `${path}.${name}`, fail);
    const expected: readonly string[] = LEVELS[FIELD_KINDS[field]];
    const weights: Record<string, number> = {};
    for (const level of expected) {
      const at = `${path}.${name}.${level}`;
      const mu = levels[level];
      if (!Array.isArray(mu) || mu.length !== 2) fail(at, 'must be [m, u]');
      const [m, u] = (mu as unknown[]).map((v, i) => numberAt(v, `${at}[${i}]`, fail));
      if (!(m > 0 && m <= 1 && u > 0 && u <= 1)) fail(at, 'must have 0 < m ≤ 1 and 0 < u ≤ 1');
      weights[level] = Math.log2(m / u);
    }
    for (const level of Object.keys(levels)) {
      if (!expected.includes(level))
        fail(`${path}.${name}.${level}`, `is not a level (${expected.join(', ')})`);
    }
    fields[field] = weights;
  }
  return fields;
}

function objectAt(value: unknown, path: string, fail: Fail): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return fail(path, 'must be an object');
  return value as Record<string, unknown>;
}

function numberAt(value: unknown, path: string, fail: Fail): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fail(path, 'must be a number');
  return value;
}
