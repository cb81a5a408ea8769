import type { LoggerService } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  AUTHORITY_DIRECTORY,
  UNIT_DIRECTORY,
  type UnitDirectory,
} from '../validation/reference-data.port.js';
import { AdminUnitService } from './admin-unit.service.js';
import { AdminUnitsModule } from './admin-units.module.js';
import { ADMIN_UNITS_OPTIONS, resolveAdminUnitsOptions } from './admin-units.options.js';
import { RegisteringAuthorityService } from './registering-authority.service.js';

const silent: LoggerService = { log: () => undefined, warn: () => undefined, error: () => undefined };

describe('AdminUnitsModule', () => {
  it('loads the data at start-up and provides the services and the validation ports', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AdminUnitsModule] })
      .setLogger(silent)
      .compile();
    const units = moduleRef.get(AdminUnitService);
    expect(units.resolve('82', '2020-01-01')?.name).toBe('Tiền Giang');
    expect(moduleRef.get<UnitDirectory>(UNIT_DIRECTORY)).toBe(units);
    expect(moduleRef.get(AUTHORITY_DIRECTORY)).toBe(moduleRef.get(RegisteringAuthorityService));
    await moduleRef.close();
  });

  it('fails start-up when the data directory is broken', async () => {
    const compiling = Test.createTestingModule({ imports: [AdminUnitsModule] })
      .overrideProvider(ADMIN_UNITS_OPTIONS)
      .useValue(resolveAdminUnitsOptions({ unitsDir: '/nonexistent/admin-units' }))
      .setLogger(silent)
      .compile();
    await expect(compiling).rejects.toThrow(
      '/nonexistent/admin-units: cannot read the administrative-units directory',
    );
  });
});
