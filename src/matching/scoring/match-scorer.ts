import { isVietnameseSyllable } from '../../mapping/legacy-text/vietnamese-syllable.validator.js';
import type { MatchProfile, PersonProfile } from '../keys/match-profile.js';
import {
  compareDates,
  compareNames,
  comparePlaces,
  compareValues,
  givenNamesDiffer,
  type FieldName,
} from './comparison-levels.js';
import type { EventTypeScoring, LevelWeights, MatchingConfig } from './matching-config.js';

/** One field's comparison: what an official sees as the evidence (levels, never the values). */
export interface FieldEvidence {
  readonly field: string;
  readonly level: string;
  readonly weight: number;
}

export interface PairScore {
  readonly score: number;
  readonly evidence: readonly FieldEvidence[];
  /** Same mother, same birth date, a different child: twins are never duplicates of each other. */
  readonly twins: boolean;
  /** Evidence that may be a sibling: at most a possible duplicate, whatever the score. */
  readonly reviewOnly: boolean;
}

export interface ScoringThresholds {
  readonly definite: number;
  readonly possible: number;
}

/** Fellegi–Sunter scoring of a pair of events of the same type, with the configured weights. */
export class MatchScorer {
  constructor(private readonly config: MatchingConfig) {}

  thresholds(eventType: string): ScoringThresholds {
    return this.scoringOf(eventType);
  }

  scorePair(a: MatchProfile, b: MatchProfile): PairScore {
    const scoring = this.scoringOf(a.eventType);
    const fields = scoring.fields;
    const evidence: FieldEvidence[] = [];
    const add = (field: FieldName, level: string, label: string = field): void => {
      const weights: LevelWeights | undefined = fields[field];
      if (weights !== undefined) evidence.push({ field: label, level, weight: round(weights[level] ?? 0) });
    };
    const many = a.subjects.length > 1;
    a.subjects.forEach((sa, i) => {
      const sb = b.subjects[i];
      const suffix = many ? `[${i}]` : '';
      add('name', compareNames(sa?.name, sb?.name), `name${suffix}`);
      add('birthDate', compareDates(sa?.birth, sb?.birth), `birthDate${suffix}`);
      add('sex', compareValues(sa?.sex, sb?.sex), `sex${suffix}`);
      add('pin', compareValues(sa?.pin, sb?.pin), `pin${suffix}`);
    });
    add('motherName', compareNames(a.mother?.name, b.mother?.name));
    add('motherBirthDate', compareDates(yearOnly(a.mother), yearOnly(b.mother)));
    add('fatherName', compareNames(a.father?.name, b.father?.name));
    add('occurredOn', compareDates(a.occurred, b.occurred));
    add('place', comparePlaces(a.place, b.place));
    add('registerRef', compareValues(a.registerRef, b.registerRef));
    const score = round(evidence.reduce((sum, e) => sum + e.weight, 0));
    const siblings = a.eventType === 'BIRTH' ? siblingsOf(a, b) : undefined;
    return { score, evidence, twins: siblings === 'TWINS', reviewOnly: siblings === 'UNSURE' };
  }

  /** Is this the same person (a spouse in an earlier marriage, the deceased of a death)? */
  samePerson(a: PersonProfile | undefined, b: PersonProfile | undefined): { same: boolean; score: number } {
    if (a === undefined || b === undefined) return { same: false, score: 0 };
    const f = this.config.person.fields;
    const w = (field: FieldName, level: string): number => f[field]?.[level] ?? 0;
    const score =
      w('name', compareNames(a.name, b.name)) +
      w('birthDate', compareDates(a.birth, b.birth)) +
      w('sex', compareValues(a.sex, b.sex)) +
      w('pin', compareValues(a.pin, b.pin));
    return { same: score >= this.config.person.same, score: round(score) };
  }

  private scoringOf(eventType: string): EventTypeScoring {
    return this.config.eventTypes[eventType] ?? this.config.eventTypes.DEFAULT;
  }
}

const SAME_NAME = new Set(['EXACT', 'FOLDED', 'REORDERED']);
const SAME_MOTHER = new Set(['EXACT', 'FOLDED', 'REORDERED', 'TYPO']);

/**
 * Two births to the same mother whose children have different given names are siblings, not one
 * child twice: twins when born the same day (the day/month swap of a legacy book included) and told
 * apart by given names far apart or by sex; otherwise (a given name one letter apart, as Minh/Mạnh
 * or a typing error) never a definite duplicate: an official decides. An agreeing ID number wins.
 */
function siblingsOf(a: MatchProfile, b: MatchProfile): 'TWINS' | 'UNSURE' | undefined {
  const ca = a.subjects[0];
  const cb = b.subjects[0];
  if (ca === undefined || cb === undefined) return undefined;
  if (ca.pin && cb.pin && ca.pin === cb.pin) return undefined;
  if (!SAME_MOTHER.has(compareNames(a.mother?.name, b.mother?.name))) return undefined;
  const sexDiffers = compareValues(ca.sex, cb.sex) === 'DIFFERENT';
  const ga = ca.name.given;
  const gb = cb.name.given;
  if (ga === gb || SAME_NAME.has(compareNames(ca.name, cb.name))) return sexDiffers ? 'UNSURE' : undefined;
  if (sexDiffers || givenNamesDiffer(ca.name, cb.name)) {
    const date = compareDates(ca.birth, cb.birth);
    return date === 'EXACT' || date === 'SWAPPED' ? 'TWINS' : 'UNSURE';
  }
  // Given names a letter or two apart: a typing error when one is no Vietnamese syllable ('Lyan',
  // 'Đt'); otherwise two real names (Minh, Mạnh) that only an official can tell apart.
  return isVietnameseSyllable(ga) && isVietnameseSyllable(gb) ? 'UNSURE' : undefined;
}

function yearOnly(p: PersonProfile | undefined): { y: number } | undefined {
  return p?.birth ? { y: p.birth.y } : undefined;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
