import { CreateRegisterTables1763700000000 } from './1763700000000-create-register-tables.js';
import { ChainAuditLog1763830000000 } from './1763830000000-chain-audit-log.js';

/** Every migration, in order. Listed explicitly so the compiled hub and the tests run the same set. */
export const MIGRATIONS = [CreateRegisterTables1763700000000, ChainAuditLog1763830000000];
