import { hashPassword, verifyPassword } from './password-hasher.js';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('Mật khẩu mạnh 2026!');
    expect(stored.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(await verifyPassword('Mật khẩu mạnh 2026!', stored)).toBe(true);
    expect(await verifyPassword('mật khẩu mạnh 2026!', stored)).toBe(false);
  });

  it('treats NFD and NFC spellings of the same password alike', async () => {
    const stored = await hashPassword('Đồng Nai'.normalize('NFD'));
    expect(await verifyPassword('Đồng Nai'.normalize('NFC'), stored)).toBe(true);
  });

  it('refuses a malformed stored hash', async () => {
    expect(await verifyPassword('x', 'plain')).toBe(false);
  });
});
