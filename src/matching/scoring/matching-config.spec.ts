import { describe, expect, it } from '@jest/globals';
import { MatchingException } from '../matching.exception.js';
import { loadMatchingConfig, parseMatchingConfig } from './matching-config.js';

const shipped = (): Record<string, unknown> =>
  JSON.parse(JSON.stringify(loadMatchingConfig())) as Record<string, unknown>;

describe('matching configuration', () => {
  it('the shipped file loads, with log2(m/u) weights and definite above possible per event type', () => {
    const config = loadMatchingConfig();
    for (const type of ['BIRTH', 'DEATH', 'MARRIAGE', 'DEFAULT']) {
      const scoring = config.eventTypes[type];
      expect(scoring.definite).toBeGreaterThan(scoring.possible);
      expect(scoring.fields.name?.EXACT).toBeGreaterThan(scoring.fields.name?.TYPO ?? Infinity);
      expect(scoring.fields.name?.MISSING).toBe(0);
      expect(scoring.fields.name?.DIFFERENT).toBeLessThan(0);
    }
    expect(config.eventTypes.BIRTH.fields.pin!.AGREE).toBeCloseTo(Math.log2(0.999 / 0.00001), 5);
  });

  const raw = (): Record<string, unknown> =>
    JSON.parse(
      JSON.stringify({
        eventTypes: {
          DEFAULT: {
            definite: 10,
            possible: 5,
            fields: { sex: { AGREE: [0.9, 0.5], DIFFERENT: [0.1, 0.5], MISSING: [1, 1] } },
          },
        },
        person: { same: 5, fields: {} },
      }),
    ) as Record<string, unknown>;

  it.each([
    [
      'thresholds in the wrong order',
      (r: any) => (r.eventTypes.DEFAULT.possible = 11),
      'eventTypes.DEFAULT.definite',
    ],
    [
      'an unknown field',
      (r: any) => (r.eventTypes.DEFAULT.fields.height = {}),
      'eventTypes.DEFAULT.fields.height',
    ],
    ['a missing level', (r: any) => delete r.eventTypes.DEFAULT.fields.sex.MISSING, 'fields.sex.MISSING'],
    [
      'an unknown level',
      (r: any) => (r.eventTypes.DEFAULT.fields.sex.MAYBE = [0.5, 0.5]),
      'fields.sex.MAYBE',
    ],
    ['m out of range', (r: any) => (r.eventTypes.DEFAULT.fields.sex.AGREE = [1.5, 0.5]), 'fields.sex.AGREE'],
    ['no DEFAULT', (r: any) => delete r.eventTypes.DEFAULT, 'eventTypes.DEFAULT'],
    ['no person section', (r: any) => delete r.person, 'person'],
  ])('refuses %s, naming the file and the field', (_what, breakIt, path) => {
    const r = raw();
    breakIt(r);
    let error: unknown;
    try {
      parseMatchingConfig(r, 'matching.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MatchingException);
    expect((error as MatchingException).code).toBe('MATCHING.CONFIG_INVALID');
    expect((error as Error).message).toContain('matching.json');
    expect((error as Error).message).toContain(path);
  });

  it('an unreadable file stops start-up with its name', () => {
    expect(() => loadMatchingConfig('/nonexistent/matching.json')).toThrow(/nonexistent\/matching.json/);
    expect(shipped()).toHaveProperty('eventTypes');
  });
});
