import { CreateRegisterTables1763700000000 } from './1763700000000-create-register-tables.js';
import { CreateCsvImportTables1763800000000 } from './1763800000000-create-csv-import-tables.js';
import { CreateLegacyPollTables1763850000000 } from './1763850000000-create-legacy-poll-tables.js';

/** Every migration, in order. Listed explicitly so the compiled hub and the tests run the same set. */
export const MIGRATIONS = [
  CreateRegisterTables1763700000000,
  CreateCsvImportTables1763800000000,
  CreateLegacyPollTables1763850000000,
];
