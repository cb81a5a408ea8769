import { exampleBirth, exampleDivorceDecision } from './examples/example-records.js';
import {
  findContractViolations,
  INPUT_LIMITS,
  validateCivilStatusRecord,
  validateOwnedCivilStatusRecord,
} from './validate-record.js';

// Plain records as `any`, so a test can break any field of them.
const birth = (): any => exampleBirth();

/** mulberry32: a small seeded generator, so a failing fuzz case can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('validateCivilStatusRecord: result shape', () => {
  it('returns the record only when there are no errors', async () => {
    const valid = await validateCivilStatusRecord(birth());
    expect(valid.errors).toEqual([]);
    expect(valid.record?.eventType).toBe('BIRTH');

    const invalid = await validateCivilStatusRecord({ ...birth(), eventType: 'BIRTHDAY' });
    expect(invalid.record).toBeUndefined();
  });

  it('flattens nested errors into path, constraint and English message', async () => {
    const record = birth();
    record.parties[0].person.birthDate = '2019-02-30';
    expect((await validateCivilStatusRecord(record)).errors).toEqual([
      {
        path: 'parties[0].person.birthDate',
        constraint: 'isPartialDate',
        message: 'birthDate must be a real date written YYYY, YYYY-MM or YYYY-MM-DD',
      },
    ]);
  });

  it('never echoes the offending value into messages (personal data stays out of logs)', async () => {
    const record = birth();
    record.parties[1].person.personalIdNumber = '98765432101';
    record.parties[1].person.fullName = 'Bí Mật'.repeat(50);
    const { errors } = await validateCivilStatusRecord(record);
    expect(errors).toHaveLength(2);
    for (const error of errors) {
      expect(error.message).not.toContain('98765432101');
      expect(error.message).not.toContain('Bí Mật');
    }
  });

  it('does not change the input', async () => {
    const record = birth();
    record.parties[0].person.nationality = null;
    const before = JSON.stringify(record);
    await validateCivilStatusRecord(record);
    expect(JSON.stringify(record)).toBe(before);
  });
});

describe('validateCivilStatusRecord: null means absent', () => {
  it('accepts null for optional properties and leaves them out of the record', async () => {
    const record = { ...birth(), occurredOn: null, historical: null };
    record.parties[0].person.sex = null;
    const result = await validateCivilStatusRecord(record);
    expect(result.errors).toEqual([]);
    expect(result.record && 'occurredOn' in result.record).toBe(false);
    expect(result.record?.parties[0].person.sex).toBeUndefined();
  });

  it('reports null for a required property as missing', async () => {
    const { errors } = await validateCivilStatusRecord({ ...birth(), source: null });
    expect(errors.map((error) => [error.path, error.constraint])).toEqual([['source', 'isDefined']]);
  });

  it('keeps registrationKind FIRST when it is null', async () => {
    const { record } = await validateCivilStatusRecord({ ...birth(), registrationKind: null });
    expect(record?.registrationKind).toBe('FIRST');
  });
});

describe('validateCivilStatusRecord: hostile input', () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['a string', '{"eventType":"BIRTH"}'],
    ['an array', [exampleBirth()]],
    ['a function', () => exampleBirth()],
  ])('refuses %s as a record', async (_name, input) => {
    const { errors, record } = await validateCivilStatusRecord(input);
    expect(record).toBeUndefined();
    expect(errors).toEqual([
      { path: '', constraint: 'isRecordObject', message: expect.stringContaining('JSON object') },
    ]);
  });

  it('refuses deep nesting without overflowing the stack', async () => {
    let deep: Record<string, unknown> = {};
    for (let depth = 0; depth < 100_000; depth += 1) deep = { x: deep };
    const { errors } = await validateCivilStatusRecord({ ...birth(), extra: deep });
    expect(errors).toEqual([expect.objectContaining({ constraint: 'isWithinInputLimits' })]);
    expect(errors[0].path.startsWith('extra.x.x')).toBe(true);
  });

  it('refuses a cyclic object', async () => {
    const record = birth();
    record.parties[0].person.self = record;
    const { errors } = await validateCivilStatusRecord(record);
    expect(errors.map((error) => error.constraint)).toEqual(['isWithinInputLimits']);
  });

  it('refuses huge arrays before visiting their elements', async () => {
    const parties = Array.from({ length: 200_000 }, () => ({ role: 'CHILD' }));
    const started = Date.now();
    const { errors } = await validateCivilStatusRecord({ ...birth(), parties });
    expect(errors).toEqual([expect.objectContaining({ path: 'parties', constraint: 'isWithinInputLimits' })]);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses too many values overall, even in small arrays', async () => {
    const wide = Object.fromEntries(
      Array.from({ length: INPUT_LIMITS.maxNodes + 1 }, (_, index) => [`k${index}`, 1]),
    );
    const { errors } = await validateCivilStatusRecord({ ...birth(), wide });
    expect(errors).toEqual([expect.objectContaining({ path: '', constraint: 'isWithinInputLimits' })]);
  });

  it('refuses huge strings with their path', async () => {
    const record = birth();
    record.parties[0].person.fullName = 'A'.repeat(5_000_000);
    const { errors } = await validateCivilStatusRecord(record);
    expect(errors).toEqual([
      expect.objectContaining({ path: 'parties[0].person.fullName', constraint: 'isWithinInputLimits' }),
    ]);
  });

  it('reports __proto__ and constructor keys as unknown properties without polluting prototypes', async () => {
    const record = JSON.parse(
      '{"__proto__": {"polluted": true}, "parties": [{"constructor": {"prototype": {"polluted": true}}}]}',
    );
    const { errors } = await validateCivilStatusRecord({ ...exampleDivorceDecision(), ...record });
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: '__proto__', constraint: 'whitelistValidation' }),
        expect.objectContaining({ path: 'parties[0].constructor', constraint: 'whitelistValidation' }),
      ]),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('turns a throwing getter into a violation instead of an exception', async () => {
    const record = birth();
    Object.defineProperty(record.parties[0].person, 'fullName', {
      enumerable: true,
      get: () => {
        throw new Error('boom');
      },
    });
    const { errors } = await validateCivilStatusRecord(record);
    expect(errors).toEqual([expect.objectContaining({ path: '', constraint: 'isRecordObject' })]);
  });

  it('survives wrong types everywhere (seeded fuzz)', async () => {
    const random = seededRandom(20251121);
    const junk: unknown[] = [
      null,
      0,
      -1,
      1.5,
      NaN,
      true,
      '',
      'x',
      [],
      [1, 'a'],
      {},
      { a: { b: [] } },
      '9'.repeat(12),
    ];
    const scramble = (value: unknown): unknown => {
      if (random() < 0.3) return junk[Math.floor(random() * junk.length)];
      if (Array.isArray(value)) return value.map(scramble);
      if (value !== null && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([key, element]) => [key, scramble(element)]));
      }
      return value;
    };
    let refused = 0;
    for (let round = 0; round < 200; round += 1) {
      const result = await validateCivilStatusRecord(scramble(exampleBirth()));
      if (result.errors.length > 0) refused += 1;
      for (const error of result.errors) {
        expect(typeof error.path).toBe('string');
        expect(error.constraint).toMatch(/^[a-zA-Z0-9]+$/);
        expect(typeof error.message).toBe('string');
      }
      expect(result.record === undefined).toBe(result.errors.length > 0);
    }
    expect(refused).toBeGreaterThan(190);
  });
});

describe('findContractViolations: the bulk path', () => {
  it('treats null as absent without changing the input', async () => {
    const record = { ...birth(), occurredOn: null, historical: null };
    record.parties[0].person.sex = null;
    const before = JSON.stringify(record);
    expect(await findContractViolations(record)).toEqual([]);
    expect(JSON.stringify(record)).toBe(before);
  });

  it('reports what class-validator reports when the record is not valid', async () => {
    const record = { ...birth(), registerRef: { ...birth().registerRef, registeredOn: '2026-02-30' } };
    expect(await findContractViolations(record)).toEqual((await validateCivilStatusRecord(record)).errors);
    expect((await findContractViolations(record)).length).toBeGreaterThan(0);
  });

  it('refuses a forbidden key and oversized values like the full path', async () => {
    const proto = JSON.parse(`{"__proto__": {"x": 1}, ${JSON.stringify(birth()).slice(1)}`);
    expect((await findContractViolations(proto)).map((v) => v.path)).toContain('__proto__');
    const long = { ...birth(), occurredOn: 'x'.repeat(20_000) };
    expect((await findContractViolations(long)).map((v) => v.constraint)).toContain('isWithinInputLimits');
  });
});

describe('validateOwnedCivilStatusRecord: the same verdicts without the copy', () => {
  it('gives exactly what validateCivilStatusRecord gives, valid or not, with nulls or hostile keys', async () => {
    const withNull = birth();
    withNull.parties[0].person.personalIdNumber = null;
    const withoutKind = birth();
    delete withoutKind.registrationKind;
    const invalid = birth();
    invalid.parties[0].person.birthDate = '2019-02-30';
    const forbidden = JSON.parse('{"__proto__": {"x": 1}}') as object;
    const inputs: unknown[] = [
      birth(),
      exampleDivorceDecision(),
      withNull,
      withoutKind,
      invalid,
      { ...birth(), ...forbidden },
      { ...birth(), parties: Array.from({ length: INPUT_LIMITS.maxArrayLength + 1 }, () => ({})) },
      'not a record',
    ];
    for (const input of inputs) {
      const expected = await validateCivilStatusRecord(structuredClone(input));
      const got = await validateOwnedCivilStatusRecord(structuredClone(input));
      expect(got).toEqual(expected);
      if (expected.record) expect(got.record?.constructor).toBe(expected.record.constructor);
    }
    // The class default (registrationKind FIRST) is applied as on the copying path.
    expect((await validateOwnedCivilStatusRecord(withoutKind)).record?.registrationKind).toBe('FIRST');
  });

  it('leaves the input as it was', async () => {
    const input = birth();
    const before = JSON.stringify(input);
    await validateOwnedCivilStatusRecord(input);
    expect(JSON.stringify(input)).toBe(before);
    expect(Object.getPrototypeOf(input)).toBe(Object.prototype);
  });
});
