import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '../common/clock.js';
import { AdminUnitService } from './admin-unit.service.js';
import { AdminUnitsException } from './admin-units.exception.js';
import { loadAdminUnitCatalogue } from './admin-units.loader.js';
import { resolveAdminUnitsOptions } from './admin-units.options.js';
import { loadListedAuthorities } from './authorities-file.parser.js';
import { RegisteringAuthorityService } from './registering-authority.service.js';

const TODAY = '2026-11-21';

describe('RegisteringAuthorityService', () => {
  let authorities: RegisteringAuthorityService;
  let units: AdminUnitService;

  beforeAll(async () => {
    const options = resolveAdminUnitsOptions();
    units = new AdminUnitService(
      await loadAdminUnitCatalogue(options.unitsDir),
      new FixedClock(new Date(`${TODAY}T03:00:00Z`)),
    );
    authorities = new RegisteringAuthorityService(units, await loadListedAuthorities(options.authoritiesDir));
  });

  describe('commune People’s Committees', () => {
    it('are a different authority on each side of 2025-07-01 under a reused code', () => {
      const before = authorities.resolve('UBND-X-00004', '2025-06-30');
      const after = authorities.resolve('UBND-X-00004', '2025-07-01');
      expect(before).toEqual({
        id: 'UBND-X-00004@-',
        code: 'UBND-X-00004',
        kind: 'COMMUNE_PEOPLES_COMMITTEE',
        name: 'Ủy ban nhân dân phường Trúc Bạch',
        unitCode: '00004',
        provinceCode: '01',
        validFrom: null,
        validTo: '2025-06-30',
      });
      expect(after?.name).toBe('Ủy ban nhân dân phường Ba Đình');
      expect(after?.id).toBe('UBND-X-00004@2025-07-01');
      expect(authorities.versions('UBND-X-00004')).toHaveLength(2);
    });

    it('follow the 2026 change of xã Long Thành into a phường', () => {
      expect(authorities.resolve('UBND-X-26368', '2026-04-29')?.name).toBe('Ủy ban nhân dân xã Long Thành');
      expect(authorities.resolve('UBND-X-26368', '2026-04-30')?.name).toBe(
        'Ủy ban nhân dân phường Long Thành',
      );
      expect(authorities.versions('UBND-X-26368').map((v) => v.id)).toEqual([
        'UBND-X-26368@-',
        'UBND-X-26368@2025-07-01',
        'UBND-X-26368@2026-04-30',
      ]);
    });

    it('include đặc khu and thị trấn', () => {
      expect(authorities.resolve('UBND-X-26732', '2025-08-01')?.name).toBe('Ủy ban nhân dân đặc khu Côn Đảo');
      expect(authorities.resolve('UBND-X-26368', '2020-01-01')?.name).toBe(
        'Ủy ban nhân dân thị trấn Long Thành',
      );
    });
  });

  describe('district People’s Committees', () => {
    it('registered until 2025-06-30 only', () => {
      expect(authorities.resolve('UBND-H-001', '2025-06-30')).toMatchObject({
        id: 'UBND-H-001@-',
        kind: 'DISTRICT_PEOPLES_COMMITTEE',
        name: 'Ủy ban nhân dân quận Ba Đình',
        provinceCode: '01',
        validTo: '2025-06-30',
      });
      expect(authorities.isCompetentOn('UBND-H-001', '2025-06-30')).toBe(true);
      expect(authorities.isCompetentOn('UBND-H-001', '2025-07-01')).toBe(false);
      expect(authorities.resolve('UBND-H-769', '2024-01-01')?.name).toBe('Ủy ban nhân dân thành phố Thủ Đức');
    });
  });

  describe('Sở Tư pháp', () => {
    it("follow the province's versions", () => {
      expect(authorities.resolve('STP-82', '2020-01-01')?.name).toBe('Sở Tư pháp tỉnh Tiền Giang');
      expect(authorities.resolve('STP-82', '2025-08-01')?.name).toBe('Sở Tư pháp tỉnh Đồng Tháp');
      expect(authorities.versions('STP-75').map((v) => v.name)).toEqual([
        'Sở Tư pháp tỉnh Đồng Nai',
        'Sở Tư pháp tỉnh Đồng Nai',
        'Sở Tư pháp thành phố Đồng Nai',
      ]);
      expect(authorities.resolve('STP-01', '2025-08-01')?.name).toBe('Sở Tư pháp thành phố Hà Nội');
    });
  });

  describe('embassies, consulates and the Ministry', () => {
    it('come from authorities.json', () => {
      expect(authorities.resolve('DSQ-JP', '2010-05-01')).toEqual({
        id: 'DSQ-JP@-',
        code: 'DSQ-JP',
        kind: 'EMBASSY',
        name: 'Đại sứ quán Việt Nam tại Nhật Bản',
        countryCode: 'JP',
        validFrom: null,
        validTo: null,
      });
      expect(authorities.resolve('TLSQ-US-SAN-FRANCISCO', TODAY)?.countryCode).toBe('US');
      expect(authorities.resolve('BTP', '2025-08-01')?.name).toBe('Bộ Tư pháp');
    });

    it('have no province, so no provincial source may submit for them', () => {
      expect(authorities.currentProvincesOf('DSQ-JP', '2025-08-01')).toEqual([]);
      expect(authorities.currentProvincesOf('BTP', '2025-08-01')).toEqual([]);
    });
  });

  describe('jurisdiction', () => {
    it("maps an authority of a date to today's province(s)", () => {
      expect(authorities.currentProvincesOf('UBND-X-00004', '2020-01-01', TODAY)).toEqual(['01']);
      expect(authorities.currentProvincesOf('STP-87', '2020-01-01', TODAY)).toEqual(['82']);
      expect(authorities.currentProvincesOf('STP-82', '2020-01-01', TODAY)).toEqual(['82']);
      expect(authorities.currentProvincesOf('UBND-H-689', '2020-01-01', TODAY)).toEqual(['75']);
      expect(authorities.currentProvincesOf('UBND-X-00004', '2025-08-01')).toEqual(['01']);
      expect(authorities.currentProvincesOf('UBND-H-001', '2025-08-01')).toEqual([]);
    });
  });

  describe('lookups', () => {
    it('finds a version by its id and knows nothing of unknown codes', () => {
      expect(authorities.byId('UBND-X-00004@-')?.name).toBe('Ủy ban nhân dân phường Trúc Bạch');
      expect(authorities.byId('UBND-X-00004@2025-07-01')?.name).toBe('Ủy ban nhân dân phường Ba Đình');
      expect(authorities.byId('UBND-X-00004@2024-01-01')).toBeUndefined();
      expect(authorities.resolve('UBND-X-99999', '2020-01-01')).toBeUndefined();
      expect(authorities.versions('XYZ')).toEqual([]);
      expect(() => authorities.resolve('BTP', '2025-13-01')).toThrow(AdminUnitsException);
    });

    it('lists every version once, with unique ids', () => {
      const all = authorities.allVersions();
      expect(all).toHaveLength(units.allVersions().length + 23);
      expect(new Set(all.map((v) => v.id)).size).toBe(all.length);
    });
  });
});

describe('loadListedAuthorities (broken data)', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'authorities-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function loadWith(authorities: unknown[]): Promise<string> {
    await writeFile(join(dir, 'authorities.json'), JSON.stringify({ source: 'test', authorities }));
    const error: unknown = await loadListedAuthorities(dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(error instanceof AdminUnitsException))
      throw new Error(`expected AdminUnitsException, got ${String(error)}`);
    return error.message;
  }

  const embassy = {
    code: 'DSQ-JP',
    kind: 'EMBASSY',
    name: 'Đại sứ quán',
    countryCode: 'JP',
    validFrom: null,
    validTo: null,
  };

  it('names the file and field of an unknown country code', async () => {
    expect(await loadWith([{ ...embassy, code: 'DSQ-QQ', countryCode: 'QQ' }])).toBe(
      `${join(dir, 'authorities.json')}: authorities[0].countryCode: expected an ISO 3166-1 alpha-2 country code, got "QQ" (string)`,
    );
  });

  it('refuses a code for another country than the one given', async () => {
    expect(await loadWith([{ ...embassy, code: 'DSQ-KR' }])).toContain(
      'authorities[0].code: expected a code for country JP',
    );
  });

  it('refuses overlapping versions and bad dates', async () => {
    expect(await loadWith([embassy, { ...embassy, validFrom: '2020-01-01' }])).toContain(
      'authorities[1].validFrom',
    );
    expect(await loadWith([{ ...embassy, validTo: '2020-02-30' }])).toContain(
      'authorities[0].validTo: expected a real calendar date',
    );
    expect(await loadWith([{ ...embassy, kind: 'COMMUNE_PEOPLES_COMMITTEE' }])).toContain(
      'authorities[0].kind',
    );
  });
});
