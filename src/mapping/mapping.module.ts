import { Logger, Module } from '@nestjs/common';
import { AdminUnitService } from '../admin-units/admin-unit.service.js';
import { RegisteringAuthorityService } from '../admin-units/registering-authority.service.js';
import { AdminUnitReferences } from './engine/admin-unit.references.js';
import { loadAllMappings, MappingRegistry, resolveMappingsDir } from './mapping-registry.service.js';

/**
 * The per-source mappings (mappings/<source-id>/mapping.yaml), read and checked at start-up. Adapters
 * use MappingRegistry to turn their rows into standard records before handing them to intake.
 */
@Module({
  providers: [
    {
      provide: AdminUnitReferences,
      useFactory: (units: AdminUnitService, authorities: RegisteringAuthorityService) =>
        new AdminUnitReferences(units, authorities),
      inject: [AdminUnitService, RegisteringAuthorityService],
    },
    {
      provide: MappingRegistry,
      useFactory: async (references: AdminUnitReferences) => {
        const dir = resolveMappingsDir();
        const specs = await loadAllMappings(dir);
        new Logger('MappingModule').log(`${specs.size} source mapping(s) loaded from ${dir}`);
        return new MappingRegistry(specs, references);
      },
      inject: [AdminUnitReferences],
    },
  ],
  exports: [MappingRegistry],
})
export class MappingModule {}
