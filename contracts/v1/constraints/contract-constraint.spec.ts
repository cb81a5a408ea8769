import { getMetadataStorage } from 'class-validator';

import { CivilStatusRecord } from '../civil-status-record.contract.js';
import { SCHEMA_CLASSES } from '../schema/build-json-schema.js';
import { BUILT_IN_CONSTRAINTS, ContractConstraint, CUSTOM_CONSTRAINTS } from './contract-constraint.enum.js';

// IsOptional and ValidateIf register as conditions, not constraints: they never appear in a violation.
const NOT_REPORTED = new Set(['conditionalValidation']);
// Produced by class-validator or validateCivilStatusRecord at run time, not by a decorator.
const RUNTIME_ONLY = new Set([
  'whitelistValidation',
  'unknownValue',
  'isRecordObject',
  'isWithinInputLimits',
]);

function constraintNamesOnClasses(): Set<string> {
  const storage = getMetadataStorage();
  const names = new Set<string>();
  for (const target of [CivilStatusRecord, ...SCHEMA_CLASSES]) {
    for (const metadata of storage.getTargetValidationMetadatas(target, '', true, false)) {
      const [custom] = metadata.constraintCls
        ? storage.getTargetValidatorConstraints(metadata.constraintCls)
        : [];
      const name = custom?.name ?? metadata.type;
      if (!NOT_REPORTED.has(name)) names.add(name);
    }
  }
  return names;
}

describe('constraint names', () => {
  const used = constraintNamesOnClasses();
  const known = new Set([...CUSTOM_CONSTRAINTS, ...BUILT_IN_CONSTRAINTS]);

  it('lists every constraint a decorator of the contract can report', () => {
    expect([...used].filter((name) => !known.has(name))).toEqual([]);
  });

  it('lists no constraint that nothing can report', () => {
    expect([...known].filter((name) => !used.has(name) && !RUNTIME_ONLY.has(name))).toEqual([]);
  });

  it('keeps the custom names stable', () => {
    expect(CUSTOM_CONSTRAINTS).toContain('isPartialDate');
    expect(ContractConstraint.DETAILS_MATCH_EVENT_TYPE).toBe('detailsMatchEventType');
    expect(new Set(CUSTOM_CONSTRAINTS).size).toBe(CUSTOM_CONSTRAINTS.length);
    for (const name of CUSTOM_CONSTRAINTS) expect(BUILT_IN_CONSTRAINTS).not.toContain(name);
  });
});
