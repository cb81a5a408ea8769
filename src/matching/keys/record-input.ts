import { EventType } from '../../../contracts/v1/code-lists/event-type.enum.js';
import { Role } from '../../../contracts/v1/code-lists/role.enum.js';
import type { CivilStatusRecord } from '../../../contracts/v1/civil-status-record.contract.js';
import type { Place } from '../../../contracts/v1/common/place.contract.js';
import { parseUnitAuthorityCode } from '../../admin-units/authority-code.util.js';
import type { MatchEventInput } from './match-profile.js';
import type { UnitOnDate } from './place-keys.js';

/**
 * A standard record as matching input. Places: where the event happened (place of birth of a birth's
 * child, place of death) and the registering commune, each with the date its code is meant on.
 */
export function matchInputOfRecord(record: CivilStatusRecord): MatchEventInput {
  const ref = record.registerRef;
  const places: UnitOnDate[] = [];
  const child = record.parties.find((p) => p.role === Role.CHILD)?.person;
  addPlace(places, record.eventType === EventType.BIRTH ? child?.placeOfBirth : undefined);
  addPlace(places, record.death?.placeOfDeath);
  const authority = parseUnitAuthorityCode(ref.authorityCode);
  if (authority !== undefined) places.push({ code: authority.unitCode, asOf: ref.registeredOn });
  const earlier = record.reRegistration?.earlierRegisterRef;
  return {
    eventType: record.eventType,
    registrationKind: record.registrationKind,
    registerRef: {
      authorityCode: ref.authorityCode,
      book: ref.book,
      entryNumber: ref.entryNumber,
      registeredOn: ref.registeredOn,
    },
    occurredOn: record.occurredOn,
    parties: record.parties.map(({ role, person }) => ({
      role,
      fullName: person.fullName,
      sex: person.sex,
      birthDate: person.birthDate,
      personalIdNumber: person.personalIdNumber,
    })),
    places,
    ...(earlier
      ? {
          earlierRef: {
            authorityCode: earlier.authorityCode,
            book: earlier.book,
            entryNumber: earlier.entryNumber,
          },
        }
      : {}),
  };
}

function addPlace(places: UnitOnDate[], place: Place | undefined): void {
  const unit = place?.unit;
  if (unit?.code && unit.asOf) places.push({ code: unit.code, asOf: unit.asOf });
}
