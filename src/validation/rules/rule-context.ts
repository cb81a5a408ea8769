import type { AuthorityDirectory, UnitDirectory } from '../reference-data.port.js';

/** What every domain rule may consult: today's date (Vietnam), the reference data, the submitter. */
export interface RuleContext {
  today: string;
  units: UnitDirectory;
  authorities: AuthorityDirectory;
  sourceId: string;
  sourceProvinceCode: string;
}

/** The parts of a standard record the domain rules read (the contract class satisfies it). */
export interface RuleRecord {
  eventType: string;
  registrationKind?: string;
  historical?: boolean;
  occurredOn?: string;
  registerRef: { authorityCode: string; registeredOn: string };
  source: { sourceId: string };
  parties: ReadonlyArray<{
    role: string;
    person: { sex?: string; birthDate?: string; personalIdNumber?: string };
  }>;
}
