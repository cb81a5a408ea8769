import { AdminUnitsException } from './admin-units.exception.js';

export interface TextRule {
  readonly pattern: RegExp;
  readonly expected: string;
}

/**
 * A position in a parsed JSON file. External JSON is never cast to a type: every field used is
 * read through here, and a wrong one fails with the file and the field path
 * (`units-2025-07-01.json: [3].Wards[12].Code: expected a 5-digit code, got 12 (number)`).
 * The path is only spelled out on failure, so walking large files stays cheap.
 */
export class JsonNode {
  private constructor(
    readonly value: unknown,
    private readonly file: string,
    private readonly parent?: JsonNode,
    private readonly key?: string | number,
  ) {}

  static parse(text: string, file: string): JsonNode {
    try {
      return new JsonNode(JSON.parse(text) as unknown, file);
    } catch (cause) {
      throw new AdminUnitsException('ADMIN_UNITS.DATA_INVALID', `${file}: not valid JSON`, { cause });
    }
  }

  get(key: string): JsonNode {
    const object = this.object();
    return new JsonNode(Object.hasOwn(object, key) ? object[key] : undefined, this.file, this, key);
  }

  /** `null` and a missing field read as an empty list where the data uses them so. */
  items(options: { nullAsEmpty?: boolean } = {}): JsonNode[] {
    if (options.nullAsEmpty && (this.value === null || this.value === undefined)) return [];
    if (!Array.isArray(this.value)) this.fail('a list');
    const list: readonly unknown[] = this.value;
    return list.map((item, index) => new JsonNode(item, this.file, this, index));
  }

  text(rule?: TextRule): string {
    if (typeof this.value !== 'string' || this.value.trim() === '') this.fail(rule?.expected ?? 'a text');
    const text = this.value.normalize('NFC');
    if (rule && !rule.pattern.test(text)) this.fail(rule.expected);
    return text;
  }

  oneOf<T extends string>(allowed: readonly T[]): T {
    const text = this.text();
    const found = allowed.find((candidate) => candidate === text);
    if (found === undefined) this.fail(`one of ${allowed.join(', ')}`);
    return found;
  }

  fail(expected: string): never {
    throw new AdminUnitsException(
      'ADMIN_UNITS.DATA_INVALID',
      `${this.file}: ${this.path() || '(top level)'}: expected ${expected}, got ${describe(this.value)}`,
    );
  }

  private object(): Readonly<Record<string, unknown>> {
    if (typeof this.value !== 'object' || this.value === null || Array.isArray(this.value)) {
      this.fail('an object');
    }
    return this.value as Readonly<Record<string, unknown>>;
  }

  private path(): string {
    if (this.parent === undefined || this.key === undefined) return '';
    const step = typeof this.key === 'number' ? `[${this.key}]` : `.${this.key}`;
    const before = this.parent.path();
    return before === '' && typeof this.key === 'string' ? this.key : before + step;
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (field missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const shown = JSON.stringify(value);
  return `${shown.length > 60 ? `${shown.slice(0, 60)}…` : shown} (${typeof value})`;
}
