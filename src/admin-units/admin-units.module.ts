import { Global, Logger, Module } from '@nestjs/common';
import { ClockModule } from '../common/clock.module.js';
import { AUTHORITY_DIRECTORY, UNIT_DIRECTORY } from '../validation/reference-data.port.js';
import { AdminUnitCatalogue } from './admin-unit.catalogue.js';
import { AdminUnitService } from './admin-unit.service.js';
import { loadAdminUnitCatalogue } from './admin-units.loader.js';
import {
  ADMIN_UNITS_OPTIONS,
  resolveAdminUnitsOptions,
  type AdminUnitsOptions,
} from './admin-units.options.js';
import { ListedAuthorities, loadListedAuthorities } from './authorities-file.parser.js';
import { RegisteringAuthorityService } from './registering-authority.service.js';

async function loadCatalogue(options: AdminUnitsOptions): Promise<AdminUnitCatalogue> {
  const logger = new Logger('AdminUnitsModule');
  const started = performance.now();
  const catalogue = await loadAdminUnitCatalogue(options.unitsDir);
  logger.log(
    `Administrative units loaded from ${options.unitsDir} in ${Math.round(performance.now() - started)} ms`,
  );
  for (const warning of catalogue.warnings) logger.warn(warning);
  return catalogue;
}

/**
 * Reference data every capability reads (validation, register, jurisdiction, statistics), hence
 * global. The files are read once at start-up; a broken one stops start-up. Directories come from
 * ADMIN_UNITS_DIR / AUTHORITIES_DIR or config/ (tests: override ADMIN_UNITS_OPTIONS).
 */
@Global()
@Module({
  imports: [ClockModule],
  providers: [
    { provide: ADMIN_UNITS_OPTIONS, useFactory: () => resolveAdminUnitsOptions() },
    { provide: AdminUnitCatalogue, useFactory: loadCatalogue, inject: [ADMIN_UNITS_OPTIONS] },
    {
      provide: ListedAuthorities,
      useFactory: (options: AdminUnitsOptions) => loadListedAuthorities(options.authoritiesDir),
      inject: [ADMIN_UNITS_OPTIONS],
    },
    AdminUnitService,
    RegisteringAuthorityService,
    // The validation capability's ports (src/validation/reference-data.port.ts).
    { provide: UNIT_DIRECTORY, useExisting: AdminUnitService },
    { provide: AUTHORITY_DIRECTORY, useExisting: RegisteringAuthorityService },
  ],
  exports: [AdminUnitService, RegisteringAuthorityService, UNIT_DIRECTORY, AUTHORITY_DIRECTORY],
})
export class AdminUnitsModule {}
