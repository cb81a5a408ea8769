import { AdminUnitService } from '../../src/admin-units/admin-unit.service.js';
import { loadAdminUnitCatalogue } from '../../src/admin-units/admin-units.loader.js';
import { resolveAdminUnitsOptions } from '../../src/admin-units/admin-units.options.js';
import { loadListedAuthorities } from '../../src/admin-units/authorities-file.parser.js';
import { RegisteringAuthorityService } from '../../src/admin-units/registering-authority.service.js';
import { FixedClock } from '../../src/common/clock.js';

export const DEFAULT_TODAY = '2026-11-20';

/**
 * The hub's own reference data, built by hand as the admin-units specs do (no Nest container):
 * generated records then name exactly the units and authorities the hub will look up. Load it once
 * and share it between generators; the services are read-only after loading.
 */
export interface GeneratorReferenceData {
  readonly units: AdminUnitService;
  readonly authorities: RegisteringAuthorityService;
  /** Fixed on `today`: the hub rolls old provinces up to today's, so its clock must agree. */
  readonly clock: FixedClock;
  readonly today: string;
  /** First day of the 2025 units (2025-07-01): districts end, communes merge. */
  readonly reorganisationDate: string;
}

export interface ReferenceDataOptions {
  /** YYYY-MM-DD, the hub's "today" (Vietnam); default 2026-11-20. */
  today?: string;
  unitsDir?: string;
  authoritiesDir?: string;
}

export async function loadGeneratorReferenceData(
  options: ReferenceDataOptions = {},
): Promise<GeneratorReferenceData> {
  const today = options.today ?? DEFAULT_TODAY;
  const dirs = resolveAdminUnitsOptions({
    unitsDir: options.unitsDir,
    authoritiesDir: options.authoritiesDir,
  });
  const catalogue = await loadAdminUnitCatalogue(dirs.unitsDir);
  // 03:00 UTC is 10:00 in Vietnam: the same calendar day on either side of the UTC+7 offset.
  const clock = new FixedClock(new Date(`${today}T03:00:00Z`));
  const units = new AdminUnitService(catalogue, clock);
  const authorities = new RegisteringAuthorityService(
    units,
    await loadListedAuthorities(dirs.authoritiesDir),
  );
  return { units, authorities, clock, today, reorganisationDate: catalogue.reorganisationDate };
}
