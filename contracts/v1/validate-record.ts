import { plainToInstance } from 'class-transformer';
import { validate, ValidationTypes, type ValidationError } from 'class-validator';

import { CivilStatusRecord } from './civil-status-record.contract.js';
import { compiledStructureCheck, isCertainlyValid } from './constraints/compiled-structure-check.js';
import { ContractConstraint } from './constraints/contract-constraint.enum.js';
import { installValidationMetadataCache } from './constraints/validation-metadata.cache.js';

installValidationMetadataCache();

/**
 * One broken rule. `path` is written like JavaScript ('parties[0].person.birthDate'; '' for the
 * record itself); `constraint` is a stable name (CUSTOM_CONSTRAINTS or BUILT_IN_CONSTRAINTS) that the
 * hub translates; `message` is an English hint for developers and never echoes the value.
 */
export interface ContractViolation {
  path: string;
  constraint: string;
  message: string;
}

export interface RecordValidationResult {
  /** Present only when there are no errors. */
  record?: CivilStatusRecord;
  errors: ContractViolation[];
}

/**
 * Bounds on untrusted input, checked before class-transformer walks it (its recursion would
 * overflow the stack on deep nesting) and before class-validator visits every array element.
 * A valid record stays far below them: depth ≤ 8, arrays ≤ 500, strings ≤ 2,000 characters, about
 * 4,000 values with full provenance. At the limits a hostile record costs ~0.3 s of validation.
 */
export const INPUT_LIMITS = {
  maxDepth: 16,
  maxNodes: 10_000,
  maxArrayLength: 1_000,
  maxStringLength: 10_000,
} as const;

// Keys that would reach the prototype or constructor of a class instance inside class-transformer.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function childPath(parent: string, key: string): string {
  if (/^\d+$/.test(key)) return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

class InputLimitExceeded extends Error {
  constructor(readonly violation: ContractViolation) {
    super(violation.message);
  }
}

function limitViolation(path: string, message: string): InputLimitExceeded {
  return new InputLimitExceeded({ path, constraint: ContractConstraint.IS_WITHIN_INPUT_LIMITS, message });
}

/**
 * A bounded copy of JSON-like input. Properties holding null are dropped: null and absent mean the
 * same here, as SQL rows and SOAP nil elements produce both. Forbidden keys become violations.
 */
class BoundedCopier {
  private nodes = 0;

  constructor(private readonly violations: ContractViolation[]) {}

  copyObject(value: object, path: string, depth: number): Record<string, unknown> {
    if (depth >= INPUT_LIMITS.maxDepth) throw limitViolation(path, `${path} is nested too deeply`);
    const result: Record<string, unknown> = {};
    for (const [key, element] of Object.entries(value)) {
      const keyPath = childPath(path, key);
      if (FORBIDDEN_KEYS.has(key)) {
        const message = `property ${key} should not exist`;
        this.violations.push({ path: keyPath, constraint: ValidationTypes.WHITELIST, message });
      } else if (element !== null) {
        result[key] = this.copy(element, keyPath, depth + 1);
      }
    }
    return result;
  }

  /**
   * Checks the same limits without copying and says whether a copy is needed at all (a null to
   * drop or a forbidden key): usually not, and then the input itself is checked as it is.
   */
  needsCopy(value: unknown, depth = 0): boolean {
    this.nodes += 1;
    if (this.nodes > INPUT_LIMITS.maxNodes) throw limitViolation('', 'too many values');
    if (typeof value === 'string' && value.length > INPUT_LIMITS.maxStringLength)
      throw limitViolation('', 'string too long');
    if (typeof value !== 'object' || value === null) return false;
    if (depth >= INPUT_LIMITS.maxDepth) throw limitViolation('', 'nested too deeply');
    if (Array.isArray(value)) {
      if (value.length > INPUT_LIMITS.maxArrayLength) throw limitViolation('', 'array too long');
      // Null elements of an array are kept by the copy too; only null properties are dropped.
      for (const element of value) if (this.needsCopy(element, depth + 1)) return true;
      return false;
    }
    for (const key in value) {
      const element = (value as Record<string, unknown>)[key];
      if (element === null || FORBIDDEN_KEYS.has(key) || this.needsCopy(element, depth + 1)) return true;
    }
    return false;
  }

  private copy(value: unknown, path: string, depth: number): unknown {
    this.nodes += 1;
    if (this.nodes > INPUT_LIMITS.maxNodes) {
      throw limitViolation('', `record has more than ${INPUT_LIMITS.maxNodes} values`);
    }
    if (typeof value === 'string' && value.length > INPUT_LIMITS.maxStringLength) {
      throw limitViolation(path, `${path} is longer than ${INPUT_LIMITS.maxStringLength} characters`);
    }
    if (typeof value !== 'object' || value === null) return value;
    if (!Array.isArray(value)) return this.copyObject(value, path, depth);
    if (depth >= INPUT_LIMITS.maxDepth) throw limitViolation(path, `${path} is nested too deeply`);
    if (value.length > INPUT_LIMITS.maxArrayLength) {
      throw limitViolation(path, `${path} has more than ${INPUT_LIMITS.maxArrayLength} elements`);
    }
    return value.map((element: unknown, index) =>
      this.copy(element, childPath(path, String(index)), depth + 1),
    );
  }
}

const MISSING_VALUE_CONSTRAINTS = new Set<string>(['isDefined', ContractConstraint.DETAILS_REQUIRED]);

function flatten(errors: readonly ValidationError[], parent: string, out: ContractViolation[]): void {
  for (const error of errors) {
    const path = error.property === undefined ? parent : childPath(parent, error.property);
    const constraints = Object.entries(error.constraints ?? {});
    // A missing value fails its format checks too; only "is missing" helps whoever fixes it.
    const missing = constraints.filter(([constraint]) => MISSING_VALUE_CONSTRAINTS.has(constraint));
    for (const [constraint, message] of missing.length > 0 ? missing : constraints) {
      out.push({ path, constraint, message });
    }
    flatten(error.children ?? [], path, out);
  }
}

/**
 * The violations of untrusted input against the v1 contract, without building the record: the bulk
 * path, where a valid record (the usual case) costs one compiled check. Never throws.
 */
export async function findContractViolations(plain: unknown): Promise<ContractViolation[]> {
  if (typeof plain === 'object' && plain !== null && !Array.isArray(plain)) {
    try {
      const errors: ContractViolation[] = [];
      const input = new BoundedCopier(errors).needsCopy(plain)
        ? new BoundedCopier(errors).copyObject(plain, '', 0)
        : (plain as Record<string, unknown>);
      if (errors.length === 0 && isCertainlyValid(CivilStatusRecord, input)) return [];
    } catch {
      // Limits exceeded or unreadable input: validateCivilStatusRecord reports it.
    }
  }
  return (await validateCivilStatusRecord(plain)).errors;
}

/**
 * validateCivilStatusRecord for input the caller owns outright and does not use afterwards (a
 * message body it has just parsed): when nothing in it needs dropping (no null, no forbidden key),
 * the bounded copy is skipped and the record built straight from it (leaves and arrays of plain
 * values may then be shared with the result). Otherwise, and whenever the compiled check is not
 * sure, exactly validateCivilStatusRecord. Never throws.
 */
export async function validateOwnedCivilStatusRecord(plain: unknown): Promise<RecordValidationResult> {
  if (typeof plain === 'object' && plain !== null && !Array.isArray(plain)) {
    try {
      const errors: ContractViolation[] = [];
      if (!new BoundedCopier(errors).needsCopy(plain)) {
        const checked = compiledStructureCheck(CivilStatusRecord, plain as Record<string, unknown>);
        if (checked) return { record: checked, errors };
      }
    } catch {
      // Limits exceeded or unreadable input: validateCivilStatusRecord reports it.
    }
  }
  return validateCivilStatusRecord(plain);
}

/** Structural validation of untrusted input against the v1 contract. Never throws. */
export async function validateCivilStatusRecord(plain: unknown): Promise<RecordValidationResult> {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    const got = plain === null ? 'null' : Array.isArray(plain) ? 'an array' : typeof plain;
    return {
      errors: [
        {
          path: '',
          constraint: ContractConstraint.IS_RECORD_OBJECT,
          message: `record must be a JSON object, got ${got}`,
        },
      ],
    };
  }
  try {
    const errors: ContractViolation[] = [];
    const copy = new BoundedCopier(errors).copyObject(plain, '', 0);
    // Fast path for the common case of a valid record; class-validator itself decides otherwise.
    const checked = errors.length === 0 ? compiledStructureCheck(CivilStatusRecord, copy) : undefined;
    if (checked) return { record: checked, errors };
    const record = plainToInstance(CivilStatusRecord, copy);
    const validationErrors = await validate(record, {
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      validationError: { target: false, value: false },
    });
    flatten(validationErrors, '', errors);
    return errors.length === 0 ? { record, errors } : { errors };
  } catch (error: unknown) {
    if (error instanceof InputLimitExceeded) return { errors: [error.violation] };
    // A getter that throws, a proxy, a stack overflow: unreadable input is refused, not crashed on.
    return {
      errors: [
        {
          path: '',
          constraint: ContractConstraint.IS_RECORD_OBJECT,
          message: 'record could not be read as JSON data',
        },
      ],
    };
  }
}
