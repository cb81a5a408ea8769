import { readdir } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { Injectable } from '@nestjs/common';
import { AdminUnitReferences } from './engine/admin-unit.references.js';
import { MappingException } from './engine/mapping.exception.js';
import type { MappingSpec } from './engine/mapping-spec.model.js';
import { loadMappingDir } from './engine/mapping-spec.loader.js';
import { RecordMapper } from './engine/record-mapper.js';

export interface LoadedMapping {
  readonly spec: MappingSpec;
  readonly mapper: RecordMapper;
}

/** MAPPINGS_DIR, or mappings/ of the working directory (the hub is started from the repository root). */
export function resolveMappingsDir(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const chosen = env['MAPPINGS_DIR']?.trim() || 'mappings';
  return isAbsolute(chosen) ? chosen : resolve(cwd, chosen);
}

/** Every source's mapping, loaded once; one broken mapping stops start-up naming its file and field. */
export async function loadAllMappings(dir: string): Promise<Map<string, MappingSpec>> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((cause: unknown) => {
    throw new MappingException('MAPPING.SPEC_INVALID', `${dir}: the mappings folder cannot be read`, {
      cause,
    });
  });
  const specs = new Map<string, MappingSpec>();
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const spec = await loadMappingDir(join(dir, entry.name));
    specs.set(spec.sourceId, spec);
  }
  return specs;
}

@Injectable()
export class MappingRegistry {
  private readonly loaded = new Map<string, LoadedMapping>();

  constructor(specs: ReadonlyMap<string, MappingSpec>, references: AdminUnitReferences) {
    for (const [sourceId, spec] of specs)
      this.loaded.set(sourceId, { spec, mapper: new RecordMapper(spec, references) });
  }

  has(sourceId: string): boolean {
    return this.loaded.has(sourceId);
  }

  /** Throws MAPPING.NOT_FOUND for a source without a mapping. */
  get(sourceId: string): LoadedMapping {
    const found = this.loaded.get(sourceId);
    if (found === undefined) {
      throw new MappingException(
        'MAPPING.NOT_FOUND',
        `Nguồn ${sourceId} chưa có mapping (mappings/${sourceId}/mapping.yaml).`,
      );
    }
    return found;
  }

  sourceIds(): string[] {
    return [...this.loaded.keys()];
  }
}
