import { AdminUnitService } from '../../admin-units/admin-unit.service.js';
import { RegisteringAuthorityService } from '../../admin-units/registering-authority.service.js';
import type { MappingReferences } from './mapping-result.model.js';

/** The mapping's view of src/admin-units: a unit code means a unit only together with a date. */
export class AdminUnitReferences implements MappingReferences {
  constructor(
    private readonly units: AdminUnitService,
    private readonly authorities: RegisteringAuthorityService,
  ) {}

  unit(code: string, on: string): { code: string; level: string; fullName: string } | undefined {
    return this.units.resolve(code, on);
  }

  authority(code: string, on: string): { code: string; name: string } | undefined {
    return this.authorities.resolve(code, on);
  }
}
