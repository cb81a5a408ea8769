import { CreateRegisterTables1763700000000 } from './1763700000000-create-register-tables.js';
import { CreateCsvImportTables1763800000000 } from './1763800000000-create-csv-import-tables.js';
import { ExtendOutboxForPopulationLink1763820000000 } from './1763820000000-extend-outbox-for-population-link.js';
import { SecureAccountsAndAudit1763830000000 } from './1763830000000-secure-accounts-and-audit.js';
import { CreateMatchTables1763840000000 } from './1763840000000-create-match-tables.js';
import { CreateLegacyPollTables1763850000000 } from './1763850000000-create-legacy-poll-tables.js';
import { CreateChangeNotices1763870000000 } from './1763870000000-create-change-notices.js';
import { ChainAuditLogBySealer1763880000000 } from './1763880000000-chain-audit-log-by-sealer.js';
import { AddMatchIndexSequence1763900000001 } from './1763900000001-add-match-index-sequence.js';
import { AddMatchKeyTag1763920000000 } from './1763920000000-add-match-key-tag.js';
import { DropMatchKeyForeignKey1763940000000 } from './1763940000000-drop-match-key-foreign-key.js';
import { IntakeItemBatchSourceKey1763960000000 } from './1763960000000-intake-item-batch-source-key.js';

/** Every migration, in order. Listed explicitly so the compiled hub and the tests run the same set. */
export const MIGRATIONS = [
  CreateRegisterTables1763700000000,
  CreateCsvImportTables1763800000000,
  ExtendOutboxForPopulationLink1763820000000,
  SecureAccountsAndAudit1763830000000,
  CreateMatchTables1763840000000,
  CreateLegacyPollTables1763850000000,
  CreateChangeNotices1763870000000,
  ChainAuditLogBySealer1763880000000,
  AddMatchIndexSequence1763900000001,
  AddMatchKeyTag1763920000000,
  DropMatchKeyForeignKey1763940000000,
  IntakeItemBatchSourceKey1763960000000,
];
