import { HubException } from './hub.exception.js';

describe('HubException', () => {
  it('keeps its code, status and cause', () => {
    const cause = new Error('low level');
    const e = new HubException('INTAKE.X', 'Thông điệp', 422, { a: 1 }, { cause });
    expect(e.code).toBe('INTAKE.X');
    expect(e.httpStatus).toBe(422);
    expect(e.cause).toBe(cause);
    expect(e.name).toBe('HubException');
  });
});
