import { loadHubConfig } from './hub.config.js';

describe('loadHubConfig', () => {
  it('applies the embedded defaults when nothing is set', () => {
    const c = loadHubConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.DATA_DIR).toBe('data');
  });

  it('names the variable that is malformed', () => {
    expect(() => loadHubConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadHubConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must be a postgres/);
  });

  it('reads a real database URL', () => {
    expect(loadHubConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/test' }).DATABASE_URL).toBe(
      'postgres://u@127.0.0.1:5432/test',
    );
  });
});
