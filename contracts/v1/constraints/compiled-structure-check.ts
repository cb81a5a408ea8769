import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import {
  ARRAY_MAX_SIZE,
  ARRAY_MIN_SIZE,
  getMetadataStorage,
  IS_ARRAY,
  IS_BOOLEAN,
  IS_DEFINED,
  IS_ENUM,
  IS_INT,
  IS_OBJECT,
  IS_OPTIONAL,
  IS_STRING,
  MAX,
  MAX_LENGTH,
  MIN,
  MIN_LENGTH,
  ValidationTypes,
  type ValidationArguments,
} from 'class-validator';
import { enumValues } from './is-enum-value.util.js';
import { sortedJson } from './sorted-json.util.js';

/**
 * A fast yes/no answer to "does this plain object satisfy the class's class-validator decorators?",
 * compiled once per class from class-validator's own metadata (the decorators stay the single
 * source of truth) and class-transformer's @Type metadata for nested classes.
 *
 * Why: plainToInstance + validate() cost about 250 µs for a birth record (profiled in the intake
 * benchmark, where they were three quarters of the hub's CPU). This check visits the same
 * constraints with the same validator functions, in well under a tenth of that.
 *
 * It only ever says "valid" or "not sure": whenever it answers false, validateCivilStatusRecord runs
 * class-validator itself, which produces the errors. So the only property it must keep is that a
 * record it accepts is one class-validator accepts (a spec checks this on mutated records). Anything
 * it does not model (async or promise validation, nested arrays, a nested class without @Type) makes
 * it answer false.
 */
type Ctor = new () => object;
type Predicate = (object: object, value: unknown) => boolean;
type Validate = (value: unknown, args: ValidationArguments) => boolean;
type Test = (value: unknown) => boolean;

interface ConstraintCheck {
  /**
   * A sufficient test of the value alone for a frequent built-in constraint: true means the
   * validator would accept it too, false means "ask the validator". It needs no arguments object.
   */
  fast?: Test;
  validate: Validate;
  each: boolean;
  validateIf?: Predicate;
  constraints: unknown[];
}

interface PropertyPlan {
  name: string;
  /** `{"name":` and `,"name":` as the canonical JSON writes them, made once. */
  firstKey: string;
  nextKey: string;
  /** @IsOptional: null or undefined skips every other constraint of the property. */
  optional: boolean;
  /** The other conditions (@ValidateIf). */
  conditions: Predicate[];
  /** @IsDefined first, then the others, as class-validator runs them. */
  constraints: ConstraintCheck[];
  nested: boolean;
  nestedType?: Ctor;
}

interface ClassPlan {
  ctor: Ctor;
  targetName: string;
  properties: PropertyPlan[];
  byName: ReadonlyMap<string, PropertyPlan>;
  /** Properties that are not @IsOptional: their constraints apply even when the object lacks them. */
  required: PropertyPlan[];
  nestedProperties: PropertyPlan[];
  /** Values a new instance already holds (class field defaults, e.g. registrationKind = FIRST). */
  defaults: Readonly<Record<string, unknown>>;
  defaulted: string[];
}

const UNSUPPORTED = null;
const plans = new Map<Ctor, ClassPlan | typeof UNSUPPORTED>();

function compile(ctor: Ctor): ClassPlan | typeof UNSUPPORTED {
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(ctor, '', false, false, undefined);
  if (metadatas.length === 0) return UNSUPPORTED;
  const properties: PropertyPlan[] = [];
  for (const [name, group] of Object.entries(storage.groupByPropertyName(metadatas))) {
    const plan: PropertyPlan = {
      name,
      firstKey: `{${JSON.stringify(name)}:`,
      nextKey: `,${JSON.stringify(name)}:`,
      optional: false,
      conditions: [],
      constraints: [],
      nested: false,
    };
    const defined: ConstraintCheck[] = [];
    const checks: ConstraintCheck[] = [];
    for (const m of group) {
      if (m.type === ValidationTypes.CONDITIONAL_VALIDATION) {
        // IsOptional's condition is `object[property] !== null && … !== undefined`, the value itself.
        if (m.name === IS_OPTIONAL) plan.optional = true;
        else plan.conditions.push(m.constraints[0] as Predicate);
      } else if (m.type === ValidationTypes.NESTED_VALIDATION) {
        plan.nested = true;
        const typeFn = defaultMetadataStorage.findTypeMetadata(ctor, name)?.typeFunction;
        const nestedType = typeFn?.() as Ctor | undefined;
        if (!nestedType) return UNSUPPORTED;
        plan.nestedType = nestedType;
      } else if (m.type === ValidationTypes.CUSTOM_VALIDATION || m.type === ValidationTypes.IS_DEFINED) {
        for (const c of storage.getTargetValidatorConstraints(m.constraintCls)) {
          if (c.async) return UNSUPPORTED;
          const instance = c.instance as { validate(value: unknown, args: ValidationArguments): unknown };
          const validateIf = m.validateIf as Predicate | undefined;
          const each = m.each === true;
          const fast = validateIf ? undefined : fastTest(m.name, m.constraints as unknown[] | undefined);
          const check: ConstraintCheck = {
            fast: fast && each ? everyElement(fast) : fast,
            validate: (value, args) => instance.validate(value, args) === true,
            each,
            validateIf,
            constraints: m.constraints as unknown[],
          };
          (m.type === ValidationTypes.IS_DEFINED ? defined : checks).push(check);
        }
      } else if (m.type !== ValidationTypes.WHITELIST) {
        return UNSUPPORTED; // promise validation and anything newer: leave it to class-validator
      }
    }
    plan.constraints = [...defined, ...checks];
    properties.push(plan);
  }
  const defaults = { ...new ctor() } as Record<string, unknown>;
  return {
    ctor,
    targetName: ctor.name,
    properties,
    byName: new Map(properties.map((p) => [p.name, p])),
    required: properties.filter((p) => !p.optional),
    nestedProperties: properties.filter((p) => p.nested),
    defaults,
    defaulted: Object.keys(defaults),
  };
}

/**
 * True when validator.js's isLength counts every UTF-16 code unit of the string as one
 * character: no surrogate pairs (counted once for two units) and no variation selectors
 * U+FE0E/U+FE0F (not counted). Then `value.length` is exactly what class-validator measures.
 */
function countedOneForOne(value: string): boolean {
  return !COUNTED_OTHERWISE.test(value);
}

/** A high surrogate (a pair counts once) or a variation selector (not counted). */
const COUNTED_OTHERWISE = /[\uD800-\uDBFF]|\uFE0E|\uFE0F/;

/**
 * A sufficient test for a frequent built-in constraint, of the value alone: when it answers true,
 * class-validator's validator (validator.js underneath) would too; otherwise the validator itself
 * decides. They run some 150 times per birth record, and the validators allocate (isEnum lists the
 * enum's values, isLength runs two global regex matches) and take an arguments object each.
 */
function fastTest(name: string | undefined, constraints: readonly unknown[] | undefined): Test | undefined {
  if (name === undefined) return undefined;
  const limit = constraints?.[0];
  const typeTest = TYPE_TESTS.get(name);
  if (typeTest) return typeTest;
  const limitTest = LIMIT_TESTS.get(name);
  if (limitTest && typeof limit === 'number') return limitTest(limit);
  if (name === IS_ENUM && typeof limit === 'object' && limit !== null) {
    // class-validator's isEnum uses Array.prototype.includes; it and Set.prototype.has compare by SameValueZero.
    const values = enumValues(limit);
    return (value) => values.has(value);
  }
  return undefined;
}

const TYPE_TESTS: ReadonlyMap<string, Test> = new Map<string, Test>([
  [IS_DEFINED, (value) => value !== undefined && value !== null],
  [IS_STRING, (value) => typeof value === 'string'],
  [IS_BOOLEAN, (value) => typeof value === 'boolean'],
  [IS_INT, (value) => typeof value === 'number' && Number.isInteger(value)],
  [IS_ARRAY, (value) => Array.isArray(value)],
  [IS_OBJECT, (value) => typeof value === 'object' && value !== null && !Array.isArray(value)],
]);

const LIMIT_TESTS: ReadonlyMap<string, (limit: number) => Test> = new Map<string, (limit: number) => Test>([
  // validator.js's isLength counts at most one per UTF-16 code unit.
  [MAX_LENGTH, (limit) => (value) => typeof value === 'string' && value.length <= limit],
  [
    MIN_LENGTH,
    (limit) => (value) => typeof value === 'string' && value.length >= limit && countedOneForOne(value),
  ],
  [ARRAY_MAX_SIZE, (limit) => (value) => Array.isArray(value) && value.length <= limit],
  [ARRAY_MIN_SIZE, (limit) => (value) => Array.isArray(value) && value.length >= limit],
  [MIN, (limit) => (value) => typeof value === 'number' && value >= limit],
  [MAX, (limit) => (value) => typeof value === 'number' && value <= limit],
]);

/** A test for `each: true`: every element of an array passes (anything else: ask the validator). */
function everyElement(test: Test): Test {
  return (value) => {
    if (!Array.isArray(value)) return false;
    for (const element of value) if (!test(element)) return false;
    return true;
  };
}

function planOf(ctor: Ctor): ClassPlan | typeof UNSUPPORTED {
  let plan = plans.get(ctor);
  if (plan === undefined) plans.set(ctor, (plan = compile(ctor)));
  return plan;
}

/**
 * A constraint's verdict on the value: its fast test when that says yes, else its validator. One
 * arguments object per checked object, refilled for each validator called: validators are
 * synchronous and do not keep it, and a bulk import would otherwise allocate one per constraint per
 * record.
 */
function passes(
  check: ConstraintCheck,
  args: ValidationArguments,
  property: string,
  value: unknown,
): boolean {
  if (check.fast?.(value) === true) return true;
  if (check.validateIf && !check.validateIf(args.object, value)) return true;
  args.property = property;
  args.value = value;
  args.constraints = check.constraints;
  if (check.each && Array.isArray(value)) return value.every((v) => check.validate(v, args));
  if (check.each && (value instanceof Set || value instanceof Map)) return false;
  return check.validate(value, args);
}

/**
 * Checks `plain` against the class's plan. With `materialize` it also builds the instance as
 * class-transformer would (class defaults, nested instances) and checks that; without, it checks the
 * plain object itself, which costs no allocation (the hub's hot path needs only the verdict).
 * Returns undefined as soon as anything fails or is not modelled.
 */
function check(ctor: Ctor, plain: Record<string, unknown>, materialize: boolean): object | undefined {
  const plan = planOf(ctor);
  if (!plan) return undefined;
  // Without materializing, an object still gets its class defaults when it lacks one of them, as the
  // instance class-transformer builds would have it (one allocation, rarely).
  let needsDefaults = false;
  for (const k of plan.defaulted) if (plain[k] === undefined) needsDefaults = true;
  const object = materialize || needsDefaults ? Object.assign(new plan.ctor(), plain) : plain;
  if (materialize && !materializeNested(plan, object)) return undefined;
  const args: ValidationArguments = {
    // What class-validator passes for the instance it validates (Function.name is slow to read).
    targetName: plan.targetName,
    property: '',
    object,
    value: undefined,
    constraints: [],
  };
  // The properties the object holds, each once, in one pass over its keys (a key of its own here
  // is read by index, not looked up by name). An unknown key fails (forbidNonWhitelisted; for…in
  // also meets inherited keys, which only makes the answer "not sure").
  let requiredSeen = 0;
  for (const key in object) {
    const p = plan.byName.get(key);
    if (p === undefined) return undefined;
    if (!p.optional) requiredSeen++;
    if (!propertyPasses(p, object, object[key], args, !materialize)) return undefined;
  }
  // Those it lacks: nothing applies to an optional one; the others are checked as undefined.
  if (requiredSeen < plan.required.length) {
    for (const p of plan.required) {
      if (!(p.name in object) && !propertyPasses(p, object, undefined, args, false)) return undefined;
    }
  }
  return object;
}

/** One property's constraints, as class-validator applies them; `recurse` checks a nested object too. */
function propertyPasses(
  p: PropertyPlan,
  object: Record<string, unknown>,
  value: unknown,
  args: ValidationArguments,
  recurse: boolean,
): boolean {
  if (p.optional && (value === undefined || value === null)) return true;
  if (p.conditions.length > 0 && !conditionsHold(p.conditions, object, value)) return true;
  for (const c of p.constraints) if (!passes(c, args, p.name, value)) return false;
  if (!p.nested || value === undefined) return true;
  // A nested property holding something other than an object or an array of objects fails.
  if (typeof value !== 'object' || value === null) return false;
  if (!recurse || !p.nestedType) return true;
  if (!Array.isArray(value))
    return check(p.nestedType, value as Record<string, unknown>, false) !== undefined;
  for (const element of value) {
    if (!isPlainObject(element) || !check(p.nestedType, element, false)) return false;
  }
  return true;
}

/** Builds the nested instances of `object` in place, as class-transformer would; false when one fails. */
function materializeNested(plan: ClassPlan, object: Record<string, unknown>): boolean {
  for (const p of plan.nestedProperties) {
    if (!p.nestedType) continue;
    const nestedValue = object[p.name];
    if (Array.isArray(nestedValue)) {
      const built: object[] = [];
      for (const element of nestedValue) {
        if (!isPlainObject(element)) return false;
        const b = check(p.nestedType, element, true);
        if (!b) return false;
        built.push(b);
      }
      object[p.name] = built;
    } else if (isPlainObject(nestedValue)) {
      const b = check(p.nestedType, nestedValue, true);
      if (!b) return false;
      object[p.name] = b;
    }
  }
  return true;
}

function conditionsHold(conditions: readonly Predicate[], object: object, value: unknown): boolean {
  for (const c of conditions) if (!c(object, value)) return false;
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The validated instance when the plain object certainly satisfies `ctor`'s decorators. */
export function compiledStructureCheck<T extends object>(
  ctor: new () => T,
  plain: Record<string, unknown>,
): T | undefined {
  return check(ctor, plain, true) as T | undefined;
}

/** True when the plain object certainly satisfies `ctor`'s decorators; nothing is built. */
export function isCertainlyValid(ctor: new () => object, plain: Record<string, unknown>): boolean {
  return check(ctor, plain, false) !== undefined;
}

/** What JSON.stringify escapes in a string: quote, backslash, C0 controls, (lone) surrogates. */
// eslint-disable-next-line no-control-regex
const JSON_ESCAPED = /["\\\u0000-\u001F\uD800-\uDFFF]/;

/** JSON.stringify(text) for a string, without copying it when nothing in it needs escaping. */
function jsonString(text: string): string {
  return JSON_ESCAPED.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/**
 * The canonical JSON of a valid object: properties in the order the contract declares them, nested
 * objects likewise, arrays in their order. Two records with the same content serialise alike whatever
 * order their keys arrived in, without sorting keys at every level (this runs for every record of a
 * bulk import, to tell a resend from a change).
 */
export function canonicalJsonOf(ctor: new () => object, value: unknown): string {
  const plan = planOf(ctor);
  if (!plan || !isPlainObject(value)) return sortedJson(value);
  let out = '';
  for (const p of plan.properties) {
    // An omitted field with a default means the default: "registrationKind": "FIRST" or nothing.
    const v = value[p.name] ?? plan.defaults[p.name];
    if (v === undefined) continue;
    out += out === '' ? p.firstKey : p.nextKey;
    if (p.nestedType && Array.isArray(v)) {
      out += '[';
      for (let i = 0; i < v.length; i++) {
        if (i > 0) out += ',';
        out += canonicalJsonOf(p.nestedType, v[i]);
      }
      out += ']';
    } else if (p.nestedType) out += canonicalJsonOf(p.nestedType, v);
    else if (typeof v === 'string') out += jsonString(v);
    else out += sortedJson(v);
  }
  return out === '' ? '{}' : `${out}}`;
}
