import { CreateRegisterTables1763700000000 } from './1763700000000-create-register-tables.js';
import { CreateMatchTables1763840000000 } from './1763840000000-create-match-tables.js';

/** Every migration, in order. Listed explicitly so the compiled hub and the tests run the same set. */
export const MIGRATIONS = [CreateRegisterTables1763700000000, CreateMatchTables1763840000000];
