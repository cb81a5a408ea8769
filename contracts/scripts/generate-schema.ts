import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

import {
  POPULATION_SCHEMA_FILES,
  renderPopulationSchemas,
} from '../population/v1/schema/build-population-schema.js';
import { renderJsonSchema, SCHEMA_FILE_NAME } from '../v1/schema/build-json-schema.js';

// Run as `npm run schema:generate` from the repository root; writes the committed JSON Schema that
// contracts/v1/schema/json-schema.spec.ts compares against the classes.
const folder = resolve('contracts/v1/schema');
if (!existsSync(folder)) {
  console.error(
    `generate-schema: ${folder} not found; run it from the repository root (npm run schema:generate)`,
  );
  process.exit(1);
}
const file = resolve(folder, SCHEMA_FILE_NAME);
writeFileSync(file, renderJsonSchema(), 'utf8');
console.log(`generate-schema: wrote ${file}`);

// The population-database messages (contracts/population/v1).
const populationFolder = resolve('contracts/population/v1/schema');
const populationSchemas = renderPopulationSchemas();
for (const [kind, name] of Object.entries(POPULATION_SCHEMA_FILES) as Array<
  [keyof typeof POPULATION_SCHEMA_FILES, string]
>) {
  writeFileSync(resolve(populationFolder, name), populationSchemas[kind], 'utf8');
  console.log(`generate-schema: wrote ${resolve(populationFolder, name)}`);
}
