import { eventScope, eventWithin, jurisdictionOf } from './jurisdiction.js';

describe('jurisdiction', () => {
  it('follows the authority: Ministry all, Sở Tư pháp its province, a commune itself', () => {
    expect(jurisdictionOf({ authorityCode: 'BTP' })).toEqual({ kind: 'ALL' });
    expect(jurisdictionOf({ authorityCode: 'STP-01' })).toEqual({ kind: 'PROVINCE', provinceCode: '01' });
    expect(jurisdictionOf({ authorityCode: 'UBND-X-00004' })).toEqual({
      kind: 'AUTHORITY',
      authorityCode: 'UBND-X-00004',
    });
  });

  it('decides one event and writes the same rule as SQL', () => {
    const commune = jurisdictionOf({ authorityCode: 'UBND-X-00004' });
    const province = jurisdictionOf({ authorityCode: 'STP-01' });
    const own = { authorityCode: 'UBND-X-00004', provinceCode: '01' };
    const neighbour = { authorityCode: 'UBND-X-00007', provinceCode: '01' };
    const elsewhere = { authorityCode: 'UBND-X-25000', provinceCode: '79' };
    expect([own, neighbour, elsewhere].map((e) => eventWithin(commune, e))).toEqual([true, false, false]);
    expect([own, neighbour, elsewhere].map((e) => eventWithin(province, e))).toEqual([true, true, false]);
    expect(eventScope(province, 'e', 3)).toEqual({ sql: 'e.province_code = $3', params: ['01'] });
    expect(eventScope(commune, 'ev', 1)).toEqual({ sql: 'ev.authority_code = $1', params: ['UBND-X-00004'] });
    expect(eventScope({ kind: 'ALL' }, 'e', 1)).toEqual({ sql: 'TRUE', params: [] });
  });
});
