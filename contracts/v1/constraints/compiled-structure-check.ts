import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { getMetadataStorage, ValidationTypes, type ValidationArguments } from 'class-validator';
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

interface ConstraintCheck {
  validate: Validate;
  each: boolean;
  validateIf?: Predicate;
  constraints: unknown[];
}

interface PropertyPlan {
  name: string;
  /** `"name":` as the canonical JSON writes it, made once. */
  jsonKey: string;
  conditions: Predicate[];
  defined: ConstraintCheck[];
  checks: ConstraintCheck[];
  nested: boolean;
  nestedType?: Ctor;
}

interface ClassPlan {
  ctor: Ctor;
  properties: PropertyPlan[];
  known: Set<string>;
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
      jsonKey: `${JSON.stringify(name)}:`,
      conditions: [],
      defined: [],
      checks: [],
      nested: false,
    };
    for (const m of group) {
      if (m.type === ValidationTypes.CONDITIONAL_VALIDATION) {
        plan.conditions.push(m.constraints[0] as Predicate);
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
          const validate: Validate = (value, args) => instance.validate(value, args) === true;
          const check: ConstraintCheck = {
            validate: withFastPath(m.name, m.constraints as unknown[] | undefined, validate),
            each: m.each === true,
            validateIf: m.validateIf as Predicate | undefined,
            constraints: m.constraints as unknown[],
          };
          (m.type === ValidationTypes.IS_DEFINED ? plan.defined : plan.checks).push(check);
        }
      } else if (m.type !== ValidationTypes.WHITELIST) {
        return UNSUPPORTED; // promise validation and anything newer: leave it to class-validator
      }
    }
    properties.push(plan);
  }
  const defaults = { ...new ctor() } as Record<string, unknown>;
  return {
    ctor,
    properties,
    known: new Set(properties.map((p) => p.name)),
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
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c >= 0xd800 && c <= 0xdbff) || c === 0xfe0e || c === 0xfe0f) return false;
  }
  return true;
}

/**
 * A cheaper sufficient test for the most frequent built-in constraints: when it answers true,
 * class-validator's own validator would too; otherwise the validator itself decides. Their
 * validators allocate on every call (isEnum lists the enum's values, isLength runs two global
 * regex matches), and they run some 150 times per birth record.
 */
function withFastPath(
  name: string | undefined,
  constraints: readonly unknown[] | undefined,
  slow: Validate,
): Validate {
  const limit = constraints?.[0];
  if (name === 'maxLength' && typeof limit === 'number') {
    // validator.js counts at most one per UTF-16 code unit.
    return (value, args) => (typeof value === 'string' && value.length <= limit) || slow(value, args);
  }
  if (name === 'minLength' && typeof limit === 'number') {
    return (value, args) =>
      (typeof value === 'string' && value.length >= limit && countedOneForOne(value)) || slow(value, args);
  }
  if (name === 'isEnum' && typeof limit === 'object' && limit !== null) {
    // class-validator's isEnum uses Array.prototype.includes; it and Set.prototype.has compare by SameValueZero.
    const values = enumValues(limit);
    return (value, args) => values.has(value) || slow(value, args);
  }
  return slow;
}

function planOf(ctor: Ctor): ClassPlan | typeof UNSUPPORTED {
  let plan = plans.get(ctor);
  if (plan === undefined) plans.set(ctor, (plan = compile(ctor)));
  return plan;
}

/**
 * One arguments object per checked object, refilled for each constraint: validators are synchronous
 * and do not keep it, and a bulk import would otherwise allocate one per constraint per record.
 */
function passes(check: ConstraintCheck, args: ValidationArguments, value: unknown): boolean {
  if (check.validateIf && !check.validateIf(args.object, value)) return true;
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
  // forbidNonWhitelisted (for…in also meets inherited keys, which only makes the answer "not sure")
  for (const key in plain) if (!plan.known.has(key)) return undefined;
  // Without materializing, an object still gets its class defaults when it lacks one of them, as the
  // instance class-transformer builds would have it (one allocation, rarely).
  let needsDefaults = false;
  for (const k of plan.defaulted) if (plain[k] === undefined) needsDefaults = true;
  const object = materialize || needsDefaults ? Object.assign(new plan.ctor(), plain) : plain;
  for (const p of plan.properties) {
    if (!p.nested || !p.nestedType) continue;
    const nestedValue = object[p.name];
    if (Array.isArray(nestedValue)) {
      const built: object[] = [];
      for (const element of nestedValue) {
        if (!isPlainObject(element)) return undefined;
        const b = check(p.nestedType, element, materialize);
        if (!b) return undefined;
        built.push(b);
      }
      if (materialize) object[p.name] = built;
    } else if (isPlainObject(nestedValue)) {
      const b = check(p.nestedType, nestedValue, materialize);
      if (!b) return undefined;
      if (materialize) object[p.name] = b;
    }
  }
  const args: ValidationArguments = {
    targetName: object.constructor.name,
    property: '',
    object,
    value: undefined,
    constraints: [],
  };
  for (const p of plan.properties) {
    const value = object[p.name];
    if (!conditionsHold(p.conditions, object, value)) continue;
    args.property = p.name;
    for (const c of p.defined) if (!passes(c, args, value)) return undefined;
    for (const c of p.checks) if (!passes(c, args, value)) return undefined;
    // A nested property holding something other than an object or an array of objects fails.
    if (p.nested && value !== undefined && !(typeof value === 'object' && value !== null)) return undefined;
  }
  return object;
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
    out += out === '' ? p.jsonKey : `,${p.jsonKey}`;
    if (p.nestedType && Array.isArray(v)) {
      out += '[';
      for (let i = 0; i < v.length; i++) out += (i > 0 ? ',' : '') + canonicalJsonOf(p.nestedType, v[i]);
      out += ']';
    } else if (p.nestedType) out += canonicalJsonOf(p.nestedType, v);
    else if (typeof v === 'string') out += jsonString(v);
    else out += sortedJson(v);
  }
  return `{${out}}`;
}
