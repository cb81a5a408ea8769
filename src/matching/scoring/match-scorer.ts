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
    return { score, evidence, twins: a.eventType === 'BIRTH' && areTwins(a, b) };
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

/**
 * Twins: the mother agrees, the children were born the same day, and the children are told apart by
 * their given names (far apart, not a typo) or their sex, and no ID number says they are one child.
 */
function areTwins(a: MatchProfile, b: MatchProfile): boolean {
  const ca = a.subjects[0];
  const cb = b.subjects[0];
  if (ca === undefined || cb === undefined) return false;
  if (ca.pin && cb.pin && ca.pin === cb.pin) return false;
  const mother = compareNames(a.mother?.name, b.mother?.name);
  if (mother === 'DIFFERENT' || mother === 'MISSING' || mother === 'PARTIAL') return false;
  const date = compareDates(ca.birth, cb.birth);
  if (date !== 'EXACT') return false;
  const sexDiffers = compareValues(ca.sex, cb.sex) === 'DIFFERENT';
  return sexDiffers || givenNamesDiffer(ca.name, cb.name);
}

function yearOnly(p: PersonProfile | undefined): { y: number } | undefined {
  return p?.birth ? { y: p.birth.y } : undefined;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
