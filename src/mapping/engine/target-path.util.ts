import { Role } from '../../../contracts/v1/code-lists/role.enum.js';

/**
 * Paths into the standard record (contracts/v1). Parties are addressed by role, since a source has
 * no notion of list positions: `parties[MOTHER].person.birthDate`. The engine fills schemaVersion,
 * eventType, source and provenance itself, so a mapping may not write them.
 */
export interface TargetSegment {
  readonly key: string;
  readonly role?: string;
}

const WRITABLE_TOP_LEVEL = new Set([
  'registrationKind',
  'registerRef',
  'occurredOn',
  'parties',
  'signer',
  'officer',
  'notes',
  'reRegistration',
  'birth',
  'death',
  'marriage',
  'guardianship',
  'parentageRecognition',
  'civilStatusChange',
  'decision',
  'foreignRecording',
  'maritalStatusCertificate',
]);
const ROLES: ReadonlySet<string> = new Set(Object.values(Role));
const ROLE_NAME = /^[A-Z_]+$/;
const SEGMENT = /^([a-zA-Z][a-zA-Z0-9]*)(?:\[([A-Z_]+)\])?$/;

/** Throws a plain Error saying what is wrong; the loader adds the file and field. */
export function parseTargetPath(path: string): TargetSegment[] {
  const segments = path.split('.').map((text) => {
    const m = SEGMENT.exec(text);
    if (!m)
      throw new Error(
        `a standard-record path such as parties[CHILD].person.birthDate ('${text}' is not a step)`,
      );
    return m[2] === undefined ? { key: m[1] } : { key: m[1], role: m[2] };
  });
  const [first] = segments;
  if (!WRITABLE_TOP_LEVEL.has(first.key)) {
    throw new Error(`a path starting with one of ${[...WRITABLE_TOP_LEVEL].join(', ')}`);
  }
  for (const [i, segment] of segments.entries()) {
    const isParties = i === 0 && segment.key === 'parties';
    if (isParties && (segment.role === undefined || !ROLES.has(segment.role))) {
      throw new Error(`parties addressed by a role: parties[${[...ROLES].join('|')}]`);
    }
    if (!isParties && segment.role !== undefined) throw new Error('a role only on parties');
  }
  if (segments.length === 1 && first.key === 'parties') throw new Error('a field of the party');
  return segments;
}

type Tree = Record<string, unknown>;

function isTree(value: unknown): value is Tree {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function partyOf(record: Tree, role: string, create: boolean): Tree | undefined {
  if (!Array.isArray(record.parties)) {
    if (!create) return undefined;
    record.parties = [];
  }
  const parties = record.parties as Tree[];
  const found = parties.find((p) => p.role === role);
  if (found || !create) return found;
  const party: Tree = { role };
  parties.push(party);
  return party;
}

function stepInto(node: Tree, segment: TargetSegment, create: boolean): Tree | undefined {
  if (segment.role !== undefined) return partyOf(node, segment.role, create);
  const next = node[segment.key];
  if (isTree(next)) return next;
  if (!create) return undefined;
  const made: Tree = {};
  node[segment.key] = made;
  return made;
}

export function setTarget(record: Tree, segments: readonly TargetSegment[], value: unknown): void {
  let node = record;
  for (const segment of segments.slice(0, -1)) node = stepInto(node, segment, true) as Tree;
  const last = segments[segments.length - 1];
  if (last.role !== undefined) throw new Error('cannot assign a whole party');
  node[last.key] = value;
}

export function getTarget(record: Tree, segments: readonly TargetSegment[]): unknown {
  let node: Tree | undefined = record;
  for (const segment of segments.slice(0, -1)) {
    node = stepInto(node, segment, false);
    if (node === undefined) return undefined;
  }
  return node[segments[segments.length - 1].key];
}

/** 'parties[MOTHER].person.birthDate' → 'parties[1].person.birthDate' once the parties are in place. */
export function indexedPath(record: Tree, path: string): string {
  // Runs for every provenance entry of every record: plain string steps, no regular expression.
  if (!path.startsWith('parties[')) return path;
  const end = path.indexOf(']', 8);
  const role = path.slice(8, end);
  if (end < 0 || !ROLE_NAME.test(role)) return path;
  const parties = Array.isArray(record.parties) ? (record.parties as Tree[]) : [];
  const index = parties.findIndex((p) => p.role === role);
  return index < 0 ? path : `parties[${index}]${path.slice(end + 1)}`;
}
