import { createHash } from 'node:crypto';
import { plainToInstance } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEnum,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  validate,
} from 'class-validator';
import { CivilStatusRecord } from '../civil-status-record.contract.js';
import * as examples from '../examples/example-records.js';
import { canonicalJsonOf, compiledStructureCheck, isCertainlyValid } from './compiled-structure-check.js';

type Plain = Record<string, unknown>;

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true };

async function classValidatorAccepts(plain: Plain): Promise<boolean> {
  return (await validate(plainToInstance(CivilStatusRecord, plain), OPTIONS)).length === 0;
}

const EXAMPLES: Record<string, () => Plain> = Object.fromEntries(
  Object.entries(examples).filter(([name]) => name.startsWith('example')) as Array<[string, () => Plain]>,
);

const ODD_VALUES: unknown[] = [
  undefined,
  // @IsOptional lets null through as it does undefined; elsewhere it fails @IsDefined or the type.
  null,
  0,
  42,
  -1,
  '',
  ' ',
  'x'.repeat(3000),
  'BIRTH',
  true,
  [],
  [{}],
  {},
  { a: 1 },
  '2025-02-30',
  '99',
  // validator.js counts a surrogate pair, or a character with its variation selector, as one.
  '\u{1F600}',
  'A\uFE0F',
  '\u{1F600}'.repeat(60),
];

/** Every way of breaking one spot of a record: each leaf and object replaced, removed or extended. */
function* mutations(record: Plain): Generator<[string, Plain]> {
  const paths: Array<Array<string | number>> = [];
  const walk = (v: unknown, path: Array<string | number>): void => {
    if (path.length > 0) paths.push(path);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (typeof v === 'object' && v !== null)
      for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(record, []);
  for (const path of paths) {
    for (const odd of ODD_VALUES) {
      const copy = structuredClone(record);
      let parent: any = copy;
      for (const key of path.slice(0, -1)) parent = parent[key];
      const last = path[path.length - 1];
      if (odd === undefined) {
        if (Array.isArray(parent)) parent.splice(last as number, 1);
        else delete parent[last];
      } else parent[last] = structuredClone(odd);
      yield [`${path.join('.')} := ${JSON.stringify(odd)?.slice(0, 20)}`, copy];
    }
    const target = path.reduce<any>((o, k) => o[k], record);
    if (typeof target === 'object' && target !== null && !Array.isArray(target)) {
      const copy = structuredClone(record);
      const obj = path.reduce<any>((o, k) => o[k], copy);
      obj.unexpectedField = 'x';
      yield [`${path.join('.')} + unknown field`, copy];
    }
  }
}

describe('compiled structure check', () => {
  it.each(Object.keys(EXAMPLES))('accepts the valid %s without class-validator', (name) => {
    const record = EXAMPLES[name]();
    expect(compiledStructureCheck(CivilStatusRecord, record)).toBeInstanceOf(CivilStatusRecord);
  });

  it.each(Object.keys(EXAMPLES))(
    'never accepts a mutation of %s that class-validator refuses, and agrees with it on almost all',
    async (name) => {
      let total = 0;
      let disagreements = 0;
      const wronglyAccepted: string[] = [];
      for (const [label, mutated] of mutations(EXAMPLES[name]())) {
        total++;
        const fast = compiledStructureCheck(CivilStatusRecord, mutated) !== undefined;
        const slow = await classValidatorAccepts(mutated);
        if (fast && !slow) wronglyAccepted.push(label);
        if (fast !== slow) disagreements++;
      }
      expect(wronglyAccepted).toEqual([]);
      expect(total).toBeGreaterThan(200);
      // Being conservative is allowed (class-validator then decides), but it should be rare.
      expect(disagreements / total).toBeLessThan(0.02);
    },
  );
});

enum Colour {
  RED = 'RED',
  GREEN = 'GREEN',
}

/** One property per built-in constraint the check answers by itself, each on its own. */
class Probe {
  @IsOptional() @IsDefined() defined?: unknown;
  @IsOptional() @IsString() string?: unknown;
  @IsOptional() @IsBoolean() boolean?: unknown;
  @IsOptional() @IsInt() int?: unknown;
  @IsOptional() @IsArray() array?: unknown;
  @IsOptional() @IsObject() object?: unknown;
  @IsOptional() @MaxLength(3) maxLength?: unknown;
  @IsOptional() @MinLength(2) minLength?: unknown;
  @IsOptional() @ArrayMaxSize(1) arrayMaxSize?: unknown;
  @IsOptional() @ArrayMinSize(1) arrayMinSize?: unknown;
  @IsOptional() @Min(1) min?: unknown;
  @IsOptional() @Max(1) max?: unknown;
  @IsOptional() @IsEnum(Colour) enumValue?: unknown;
  @IsOptional() @MaxLength(3, { each: true }) eachMaxLength?: unknown;
  @IsDefined() @MaxLength(3) required?: unknown;
}

describe('the built-in constraints the check answers without their validators', () => {
  const values: unknown[] = [
    ...ODD_VALUES,
    null,
    1,
    1.5,
    2,
    false,
    'ab',
    'abcd',
    'RED',
    'red',
    ['ab'],
    ['ab', 'abcd'],
    [1],
    ['a', 'b'],
    'a\u{1F600}',
    new String('ab'),
    new Boolean(true),
  ];
  const properties = [
    'defined',
    'string',
    'boolean',
    'int',
    'array',
    'object',
    'maxLength',
    'minLength',
    'arrayMaxSize',
    'arrayMinSize',
    'min',
    'max',
    'enumValue',
    'eachMaxLength',
  ];

  // A fast test that says no hands the value to the validator: the verdicts agree on every value.
  it.each(properties)("gives class-validator's verdict on every value of %s", async (property) => {
    const disagreements: string[] = [];
    for (const value of values) {
      const plain: Plain = { required: 'ok', [property]: value };
      const fast = isCertainlyValid(Probe, plain);
      const slow = (await validate(plainToInstance(Probe, plain), OPTIONS)).length === 0;
      if (fast !== slow) disagreements.push(`${String(JSON.stringify(value))}: ${fast} against ${slow}`);
    }
    expect(disagreements).toEqual([]);
  });

  it("applies a required property's constraints when the object lacks it", async () => {
    expect(isCertainlyValid(Probe, {})).toBe(false);
    expect(isCertainlyValid(Probe, { required: null })).toBe(false);
    expect(isCertainlyValid(Probe, { required: 'abcd' })).toBe(false);
    expect(isCertainlyValid(Probe, { required: 'abc' })).toBe(true);
    expect(isCertainlyValid(Probe, { required: 'abc', unknown: 1 })).toBe(false);
    expect((await validate(plainToInstance(Probe, {}), OPTIONS)).length).toBeGreaterThan(0);
  });
});

describe('plain-object check and canonical JSON', () => {
  it('gives the same verdict without building instances', async () => {
    for (const [name, make] of Object.entries(EXAMPLES)) {
      expect([name, isCertainlyValid(CivilStatusRecord, make())]).toEqual([name, true]);
      for (const [label, mutated] of mutations(make())) {
        if (isCertainlyValid(CivilStatusRecord, mutated) && !(await classValidatorAccepts(mutated))) {
          throw new Error(`${name}: ${label} accepted by the plain check only`);
        }
      }
    }
  });

  it('serialises equal content alike whatever the order of its keys, and tells a change apart', () => {
    const record = examples.exampleBirth();
    const shuffled = Object.fromEntries(Object.entries(record).reverse());
    expect(Object.keys(shuffled)[0]).not.toBe(Object.keys(record)[0]);
    expect(canonicalJsonOf(CivilStatusRecord, shuffled)).toBe(canonicalJsonOf(CivilStatusRecord, record));
    expect(JSON.parse(canonicalJsonOf(CivilStatusRecord, record))).toEqual({
      ...record,
      registrationKind: 'FIRST',
    });
    const changed = examples.exampleBirth() as any;
    changed.parties[0].person.fullName = 'Nguyễn Thị Minh Ánh';
    expect(canonicalJsonOf(CivilStatusRecord, changed)).not.toBe(canonicalJsonOf(CivilStatusRecord, record));
    const explicit = { ...examples.exampleBirth(), registrationKind: 'FIRST' };
    expect(canonicalJsonOf(CivilStatusRecord, explicit)).toBe(canonicalJsonOf(CivilStatusRecord, record));
  });

  it('writes each text as JSON.stringify would, escapes and all', () => {
    for (const text of [
      'Nguyễn Thị Ánh',
      'say "hi"',
      'C:\\sổ\\1',
      'line\nbreak\ttab\u0001',
      'lone \uD800 surrogate',
      'pair \u{1F600}',
      '\u2028\u2029',
      '',
    ]) {
      const record = examples.exampleBirth() as any;
      record.parties[0].person.fullName = text;
      const expected = JSON.stringify(text);
      expect(canonicalJsonOf(CivilStatusRecord, record)).toContain(`"fullName":${expected}`);
    }
  });

  it('writes the same bytes as ever: stored content hashes depend on them', () => {
    // The register keeps sha256(canonical JSON) of every record's content to tell a resend from a
    // change. If this serialisation changed by a single byte, every record resent after an upgrade
    // would count as changed and make a new version. Pinned on the example birth.
    const json = canonicalJsonOf(CivilStatusRecord, examples.exampleBirth());
    expect([json.length, createHash('sha256').update(json).digest('hex')]).toEqual([
      1689,
      'fa0dbaf845d69a3bcfc0832bbd231d3105cfe07d7d766c7ff1e8bffa2ca6caa2',
    ]);
  });
});
