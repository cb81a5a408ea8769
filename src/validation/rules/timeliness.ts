import { STATUTORY_DEADLINE_DAYS } from '../../../contracts/v1/code-lists/event-type.enum.js';
import { partialDateBounds } from '../../../contracts/v1/partial-date.js';

export type Timeliness = 'ON_TIME' | 'LATE' | 'NOT_APPLICABLE' | 'UNKNOWN';

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/**
 * On time or late (quá hạn), which statistics report separately. With a partial event date the
 * answer is UNKNOWN unless every day the date could mean gives the same answer. A re-registration
 * (đăng ký lại) replaces a lost record and is never "late".
 */
export function computeTimeliness(input: {
  eventType: string;
  registrationKind?: string;
  eventDate?: string;
  registeredOn: string;
}): Timeliness {
  // Luật Hộ tịch Art. 15 (birth: 60 days) and Art. 33 (death: 15 days from the day of death).
  const deadline = (STATUTORY_DEADLINE_DAYS as Readonly<Record<string, number | undefined>>)[input.eventType];
  if (deadline === undefined || input.registrationKind === 'RE_REGISTRATION') return 'NOT_APPLICABLE';
  if (!input.eventDate) return 'UNKNOWN';
  const bounds = partialDateBounds(input.eventDate);
  if (!bounds) return 'UNKNOWN';
  const { earliest, latest } = bounds;
  const longest = daysBetween(earliest, input.registeredOn);
  const shortest = daysBetween(latest, input.registeredOn);
  if (longest <= deadline) return 'ON_TIME';
  if (shortest > deadline) return 'LATE';
  return 'UNKNOWN';
}
