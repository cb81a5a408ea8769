import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AdminUnitCatalogue } from './admin-unit.catalogue.js';
import { AdminUnitsException } from './admin-units.exception.js';
import { loadAdminUnitCatalogue } from './admin-units.loader.js';
import { resolveAdminUnitsOptions } from './admin-units.options.js';

const dataDir = resolveAdminUnitsOptions().unitsDir;

describe('loadAdminUnitCatalogue (real data)', () => {
  let catalogue: AdminUnitCatalogue;
  let loadMs: number;
  let loadCpuMs: number;
  let retainedMb: number;

  beforeAll(async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    catalogue = await loadAdminUnitCatalogue(dataDir);
    const cpu = process.cpuUsage(cpuBefore);
    loadMs = performance.now() - started;
    loadCpuMs = (cpu.user + cpu.system) / 1000;
    gc?.();
    retainedMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    process.stdout.write(
      `admin units: loaded in ${loadMs.toFixed(0)} ms (${loadCpuMs.toFixed(0)} ms CPU), heap ${gc ? 'retained' : 'grew (no --expose-gc)'} ` +
        `${retainedMb.toFixed(1)} MB\n`,
    );
  });

  it('loads without a pathological pass over the data', () => {
    // CPU time, not wall time: Jest runs spec files in parallel on a 2-core machine, and the wall
    // clock would measure the neighbours. Alone it takes about 0.35 s of wall time and 0.45 s of
    // CPU (GC and compiler threads included); the bound catches a quadratic step, not a slow machine.
    expect(loadCpuMs).toBeLessThan(5000);
  });

  it('stays lean in memory', () => {
    // Without --expose-gc the figure still holds the parse garbage, so the bound is loose there.
    const bound = (globalThis as { gc?: () => void }).gc ? 25 : 200;
    expect(retainedMb).toBeLessThan(bound);
  });

  it('has 63 provinces, 696 districts and 10,035 communes before 1 July 2025', () => {
    expect(catalogue.counts('2025-06-30')).toEqual({ PROVINCE: 63, DISTRICT: 696, COMMUNE: 10035 });
    expect(catalogue.counts('2000-01-01')).toEqual({ PROVINCE: 63, DISTRICT: 696, COMMUNE: 10035 });
  });

  it('has 34 provinces and 3,321 communes, no districts, from 1 July 2025 and after 30 April 2026', () => {
    expect(catalogue.counts('2025-07-01')).toEqual({ PROVINCE: 34, DISTRICT: 0, COMMUNE: 3321 });
    expect(catalogue.counts('2026-04-29')).toEqual({ PROVINCE: 34, DISTRICT: 0, COMMUNE: 3321 });
    expect(catalogue.counts('2026-04-30')).toEqual({ PROVINCE: 34, DISTRICT: 0, COMMUNE: 3321 });
  });

  it('derives the 30 April 2026 changes by comparison: Đồng Nai and ten of its xã', () => {
    const changed = catalogue.all().filter((unit) => unit.validFrom === '2026-04-30');
    expect(changed.map((unit) => unit.code)).toContain('75');
    const communes = changed.filter((unit) => unit.level === 'COMMUNE');
    expect(communes).toHaveLength(10);
    for (const commune of communes) {
      expect(commune).toMatchObject({ kind: 'Phường', provinceCode: '75', validTo: null });
      expect(catalogue.at(commune.code, '2026-04-29')).toMatchObject({ kind: 'Xã', validTo: '2026-04-29' });
    }
    expect(changed).toHaveLength(11);
  });

  it('reports what it could not place instead of failing', () => {
    // Twelve old communes in the crosswalk were merged before the pre-2025 list was taken.
    expect(catalogue.warnings.filter((w) => w.includes('not in the pre-2025 list'))).toHaveLength(12);
    expect(catalogue.warnings.some((w) => w.includes('00745') && w.includes('Phố Bảng'))).toBe(true);
    expect(catalogue.warnings.filter((w) => w.includes('has no'))).toEqual([]);
  });

  it('lists the province codes ever valid (the 34 new codes are all old codes)', () => {
    expect(catalogue.provinceCodesEverValid).toHaveLength(63);
  });
});

describe('loadAdminUnitCatalogue (broken data)', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'admin-units-'));
    await cp(dataDir, dir, { recursive: true });
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function edit(file: string, change: (text: string) => string): Promise<void> {
    const path = join(dir, file);
    await writeFile(path, change(await readFile(path, 'utf8')));
  }

  async function loadError(): Promise<AdminUnitsException> {
    const error: unknown = await loadAdminUnitCatalogue(dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(error instanceof AdminUnitsException))
      throw new Error(`expected AdminUnitsException, got ${String(error)}`);
    expect(error.code).toBe('ADMIN_UNITS.DATA_INVALID');
    return error;
  }

  it('names the file and the field of a malformed commune code', async () => {
    await edit('units-2025-07-01.json', (text) => text.replace('"Code": "00004"', '"Code": 4'));
    const error = await loadError();
    expect(error.message).toContain(join(dir, 'units-2025-07-01.json'));
    expect(error.message).toContain('[0].Wards[0].Code: expected a 5-digit commune code, got 4 (number)');
  });

  it('names the file and the field of a missing field', async () => {
    await edit('units-pre-2025.json', (text) => text.replace('"FullName": "Phường Trúc Bạch",', ''));
    const error = await loadError();
    expect(error.message).toContain('units-pre-2025.json: [0].District[0].Ward[1].FullName');
  });

  it('names the crosswalk field of an unknown link type', async () => {
    await edit('crosswalk-new-to-old.json', (text) => text.replace('"type": "partial"', '"type": "half"'));
    const error = await loadError();
    expect(error.message).toMatch(
      /crosswalk-new-to-old\.json: data\[0\]\.level2s\[0\]\.merges\[2\]\.type: expected one of full, partial, got "half"/,
    );
  });

  it('refuses a crosswalk pointing at a commune the units file does not have', async () => {
    await edit('crosswalk-new-to-old.json', (text) =>
      text.replace('"level2_id": "00004"', '"level2_id": "99999"'),
    );
    const error = await loadError();
    expect(error.message).toContain(
      'crosswalk-new-to-old.json: data[0].level2s[0].level2_id: expected a code listed in',
    );
  });

  it('names the line and column of a wrong ID-prefix row', async () => {
    await edit('id-prefix-63-to-34.csv', (text) =>
      text.replace('002,02,"Tỉnh Hà Giang",08', '002,02,"Tỉnh Hà Giang",01'),
    );
    const error = await loadError();
    expect(error.message).toContain('id-prefix-63-to-34.csv: line 3, column new_province_code_2025');
  });

  it('refuses a code correction that does not describe the unit it recodes', async () => {
    await edit('code-corrections.json', (text) =>
      text.replace('"fullName": "Xã Ba Chẽ"', '"fullName": "Xã Ba Che"'),
    );
    const error = await loadError();
    expect(error.message).toContain('code-corrections.json: corrections[0].fullName: expected "Xã Ba Chẽ"');
  });

  it('names a file that is not JSON', async () => {
    await edit('units-2026-04-30.json', (text) => text.slice(0, 1000));
    const error = await loadError();
    expect(error.message).toBe(`${join(dir, 'units-2026-04-30.json')}: not valid JSON`);
  });
});
