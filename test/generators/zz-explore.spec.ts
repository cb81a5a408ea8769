import { FixedClock } from '../../src/common/clock.js';
import { loadAdminUnitCatalogue } from '../../src/admin-units/admin-units.loader.js';
import { resolveAdminUnitsOptions } from '../../src/admin-units/admin-units.options.js';
import { AdminUnitService } from '../../src/admin-units/admin-unit.service.js';
import { loadListedAuthorities } from '../../src/admin-units/authorities-file.parser.js';
import { RegisteringAuthorityService } from '../../src/admin-units/registering-authority.service.js';

it('explore', async () => {
  const t0 = performance.now();
  const o = resolveAdminUnitsOptions();
  const cat = await loadAdminUnitCatalogue(o.unitsDir);
  const units = new AdminUnitService(cat, new FixedClock(new Date('2026-11-20T03:00:00Z')));
  const auth = new RegisteringAuthorityService(units, await loadListedAuthorities(o.authoritiesDir));
  console.log('load ms', performance.now() - t0);
  const all = units.allVersions();
  const b = new Map<string, number>();
  for (const u of all) {
    const k = `${u.level} ${u.validFrom} ${u.validTo}`;
    b.set(k, (b.get(k) ?? 0) + 1);
  }
  console.log([...b.entries()]);
  console.log(units.provinceCodesEverValid().join(','));
  console.log(units.versions('01'), units.versions('79'), units.versions('75'));
  console.log(
    auth.resolve('STP-01', '2020-01-01'),
    auth.resolve('UBND-H-001', '2024-01-01'),
    auth.resolve('UBND-X-26368', '2026-05-01'),
  );
  console.log(
    units.currentProvinceCodesFor('02', '2024-01-01'),
    units.currentProvinceCodesFor('75', '2026-05-01'),
  );
  const pre = all.filter((u) => u.level === 'COMMUNE' && u.validFrom === null);
  const gone = pre.filter((u) => units.versions(u.code).every((v) => v.validTo !== null));
  console.log('pre communes', pre.length, 'gone', gone.length);
  console.log(auth.currentProvincesOf('UBND-X-00004', '2024-01-01'));
  try {
    console.log(auth.currentProvincesOf('UBND-X-00004', '2026-12-01'));
  } catch (e) {
    console.log('THROWS', (e as Error).message);
  }
  const kinds = new Map<string, number>();
  for (const u of all) kinds.set(u.level + u.kind, (kinds.get(u.level + u.kind) ?? 0) + 1);
  console.log(kinds);
});
