import {
  BUILT_IN_CONSTRAINTS,
  CUSTOM_CONSTRAINTS,
} from '../../contracts/v1/constraints/contract-constraint.enum.js';
import { structuralError } from './structure-messages.vi.js';

describe('Vietnamese messages for structural violations', () => {
  it.each([...BUILT_IN_CONSTRAINTS, ...CUSTOM_CONSTRAINTS])('has a specific message for %s', (constraint) => {
    const e = structuralError('parties[0].person.fullName', constraint);
    expect(e.message).not.toBe('Giá trị không hợp lệ theo định dạng chuẩn v1.');
    expect(e.code).toMatch(/^STRUCTURE\.[A-Z_]+$/);
    expect(e.path).toBe('parties[0].person.fullName');
  });

  it('calls an unknown property UNKNOWN_FIELD', () => {
    expect(structuralError('extra', 'whitelistValidation').code).toBe('STRUCTURE.UNKNOWN_FIELD');
  });
});
