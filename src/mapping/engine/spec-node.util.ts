import { MappingException } from './mapping.exception.js';

/**
 * A position in a parsed mapping file. A mapping is external data: every field is read through here
 * and a wrong one stops loading with the file and the field path
 * (`mappings/x/mapping.yaml: records[0].fields[3].date.pivot: expected a whole number 0–99, got "x"`).
 */
export class SpecNode {
  private constructor(
    readonly value: unknown,
    readonly file: string,
    private readonly parent?: SpecNode,
    private readonly key?: string | number,
  ) {}

  static root(value: unknown, file: string): SpecNode {
    return new SpecNode(value, file);
  }

  get present(): boolean {
    return this.value !== undefined && this.value !== null;
  }

  get(key: string): SpecNode {
    const object = this.object();
    return new SpecNode(Object.hasOwn(object, key) ? object[key] : undefined, this.file, this, key);
  }

  /** Fails on a key outside `allowed`: a misspelt option must not be silently ignored. */
  onlyKeys(allowed: readonly string[]): this {
    for (const key of Object.keys(this.object())) {
      if (!allowed.includes(key)) {
        new SpecNode(undefined, this.file, this, key).fail(`no such option (allowed: ${allowed.join(', ')})`);
      }
    }
    return this;
  }

  keys(): string[] {
    return Object.keys(this.object());
  }

  items(): SpecNode[] {
    if (!Array.isArray(this.value)) this.fail('a list');
    const list: readonly unknown[] = this.value;
    return list.map((item, index) => new SpecNode(item, this.file, this, index));
  }

  text(pattern?: RegExp, expected = 'a non-empty text'): string {
    if (typeof this.value !== 'string' || this.value.trim() === '') this.fail(expected);
    const text = this.value.normalize('NFC');
    if (pattern && !pattern.test(text)) this.fail(expected);
    return text;
  }

  optionalText(pattern?: RegExp, expected?: string): string | undefined {
    return this.present ? this.text(pattern, expected) : undefined;
  }

  scalar(): string | number | boolean {
    const v = this.value;
    if (typeof v === 'string') return v.normalize('NFC');
    if (typeof v === 'number' || typeof v === 'boolean') return v;
    this.fail('a text, number or true/false');
  }

  /** Code-table entries: YAML reads 01 as the number 1, so only texts are accepted as keys' values. */
  scalarText(): string {
    const v = this.value;
    if (typeof v === 'string' || typeof v === 'number') return String(v).normalize('NFC');
    this.fail('a text');
  }

  integer(min: number, max: number): number {
    const v = this.value;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      this.fail(`a whole number ${min}–${max}`);
    }
    return v;
  }

  boolean(fallback: boolean): boolean {
    if (!this.present) return fallback;
    if (typeof this.value !== 'boolean') this.fail('true or false');
    return this.value;
  }

  oneOf<T extends string>(allowed: readonly T[]): T {
    const text = this.text(undefined, `one of ${allowed.join(', ')}`);
    const found = allowed.find((candidate) => candidate === text);
    if (found === undefined) this.fail(`one of ${allowed.join(', ')}`);
    return found;
  }

  fail(expected: string): never {
    throw new MappingException(
      'MAPPING.SPEC_INVALID',
      `${this.file}: ${this.path() || '(top level)'}: expected ${expected}, got ${describe(this.value)}`,
    );
  }

  path(): string {
    if (this.parent === undefined || this.key === undefined) return '';
    const before = this.parent.path();
    if (typeof this.key === 'number') return `${before}[${this.key}]`;
    return before === '' ? this.key : `${before}.${this.key}`;
  }

  private object(): Readonly<Record<string, unknown>> {
    if (typeof this.value !== 'object' || this.value === null || Array.isArray(this.value)) {
      this.fail('an object');
    }
    return this.value as Readonly<Record<string, unknown>>;
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
