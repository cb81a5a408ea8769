import { checkFaultSettings, FaultControls, faultSettingsFromEnv } from './fault-controls.js';

describe('simulator fault controls', () => {
  it('decides drop, failure or processing from one draw', () => {
    const draws = [0.05, 0.15, 0.5];
    const faults = new FaultControls(() => draws.shift() ?? 1);
    faults.update({ dropRate: 0.1, errorRate: 0.1 });
    expect([faults.decide(), faults.decide(), faults.decide()]).toEqual(['DROP', 'FAIL', 'PROCESS']);
  });

  it('reads settings from the environment and refuses nonsense', () => {
    expect(faultSettingsFromEnv({ SIM_DROP_RATE: '0.1', SIM_OUTAGE: 'true' })).toEqual({
      latencyMs: 0,
      errorRate: 0,
      dropRate: 0.1,
      outage: true,
    });
    expect(() => faultSettingsFromEnv({ SIM_ERROR_RATE: '2' })).toThrow(/errorRate/);
    expect(checkFaultSettings({ latencyMs: -1, outage: 'yes' })).toHaveLength(2);
  });

  it('tells listeners about changes (the consumer pauses on outage)', () => {
    const faults = new FaultControls();
    const seen: boolean[] = [];
    faults.onChange((s) => seen.push(s.outage));
    faults.update({ outage: true });
    faults.update({ outage: false });
    expect(seen).toEqual([true, false]);
  });
});
