import { EventCategory, EVENT_CATEGORY, EventType } from '../../contracts/v1/code-lists/event-type.enum.js';
import type { AuthorityLevel } from './registering-authority.picker.js';
import type { SeededRandom } from './seeded-random.util.js';

/** Luật Hộ tịch 2014 took effect on 2016-01-01; before it the Sở Tư pháp registered foreign-element cases. */
export const CIVIL_STATUS_LAW_2014_IN_FORCE = '2016-01-01';

export interface JurisdictionFacts {
  eventType: EventType;
  registeredOn: string;
  reorganisationDate: string;
  /** A foreign spouse, parent or child, or residence abroad. */
  foreignElement?: boolean;
  /** Age of the person concerned on the registration date (changes for people aged 14+ went to the district). */
  subjectAge?: number;
  ethnicityRedetermination?: boolean;
}

/**
 * Which level registered the event on that date (DOMAIN.md §2): since 2025-07-01 the commune does
 * everything; from 2016 to 2025-06-30 the district took foreign-element cases, changes for people
 * aged 14 and over, ethnicity re-determination and ghi chú; before 2016 the province's Sở Tư pháp
 * took foreign-element cases. The recorded decisions are split between commune and district: the
 * law sends each to the authority that holds the affected entry, which the generator cannot know.
 */
export function authorityLevelFor(facts: JurisdictionFacts, random: SeededRandom): AuthorityLevel {
  if (facts.registeredOn >= facts.reorganisationDate) return 'COMMUNE';
  const foreignLevel: AuthorityLevel =
    facts.registeredOn < CIVIL_STATUS_LAW_2014_IN_FORCE ? 'PROVINCE' : 'DISTRICT';
  if (facts.foreignElement) return foreignLevel;
  switch (EVENT_CATEGORY[facts.eventType]) {
    case EventCategory.FOREIGN_RECORDING:
      return foreignLevel;
    case EventCategory.RECORDED_DECISION:
      return random.chance(0.3) ? 'DISTRICT' : 'COMMUNE';
    case EventCategory.REGISTERED:
      if (facts.eventType !== EventType.CIVIL_STATUS_CHANGE) return 'COMMUNE';
      return facts.ethnicityRedetermination || (facts.subjectAge ?? 0) >= 14 ? 'DISTRICT' : 'COMMUNE';
    case EventCategory.OTHER:
      return 'COMMUNE';
  }
}
