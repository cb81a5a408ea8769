import { CreateRegisterTables1763700000000 } from './1763700000000-create-register-tables.js';
import { ExtendOutboxForPopulationLink1763820000000 } from './1763820000000-extend-outbox-for-population-link.js';

/** Every migration, in order. Listed explicitly so the compiled hub and the tests run the same set. */
export const MIGRATIONS = [CreateRegisterTables1763700000000, ExtendOutboxForPopulationLink1763820000000];
