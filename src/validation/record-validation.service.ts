import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventType } from '../../contracts/v1/code-lists/event-type.enum.js';
import { Role, SUBJECT_ROLES_BY_EVENT } from '../../contracts/v1/code-lists/role.enum.js';
import { CivilStatusRecord } from '../../contracts/v1/civil-status-record.contract.js';
import { partialDateBounds } from '../../contracts/v1/partial-date.js';
import { canonicalJsonOf } from '../../contracts/v1/constraints/compiled-structure-check.js';
import { findContractViolations } from '../../contracts/v1/validate-record.js';
import { Clock } from '../common/clock.js';
import { sha256Hex } from '../common/util/canonical-json.js';
import { normalizeStringsNfc } from '../common/util/normalize-text.js';
import type { RecordError } from './record-error.js';
import {
  AUTHORITY_DIRECTORY,
  UNIT_DIRECTORY,
  type AuthorityDirectory,
  type AuthorityVersionView,
  type UnitDirectory,
} from './reference-data.port.js';
import { checkUnitCodes } from './rules/admin-units.rule.js';
import { checkAuthority, checkSourceIdentity } from './rules/authority.rule.js';
import { scanRecord } from './rules/record-scan.js';
import { checkBrokenCharacters } from './rules/text.rule.js';
import { checkDatesNotInFuture, checkEventChronology, checkPartialDatesAllowed } from './rules/dates.rule.js';
import { checkPersonalIdNumber } from './rules/personal-id-number.rule.js';
import type { RuleContext } from './rules/rule-context.js';
import { computeTimeliness, type Timeliness } from './rules/timeliness.js';
import { structuralError } from './structure-messages.vi.js';

/** A record that passed every check, with what the register derives from it. */
export interface ValidatedRecord {
  /** The record as received, strings in NFC: what the register stores. */
  record: CivilStatusRecord;
  /** True when `record` is exactly the payload received (already NFC): it need not be stored twice. */
  sameAsReceived: boolean;
  sourceRecordId: string;
  authority: AuthorityVersionView;
  /** Today's province of the registering authority (jurisdiction, statistics); null abroad. */
  provinceCode: string | null;
  registeredProvinceCode: string | null;
  registerYear: number;
  occurredOn: string | null;
  occurredFrom: string | null;
  occurredTo: string | null;
  timeliness: Timeliness;
  /** The personal ID number the one-birth / one-death guarantee is keyed on. */
  subjectPin: string | null;
  /** Every personal ID number of the persons the event is about (the death lock checks them). */
  subjectPins: string[];
  /** Hash of the content without its source envelope: same content from a resend is a duplicate. */
  contentHash: string;
}

export type ValidationResult = { ok: true; value: ValidatedRecord } | { ok: false; errors: RecordError[] };

export interface SubmitterContext {
  sourceId: string;
  provinceCode: string;
}

const PIN_KEY_ROLE: Readonly<Partial<Record<EventType, Role>>> = { BIRTH: Role.CHILD, DEATH: Role.DECEASED };

/**
 * Structure (class-validator on contracts/v1) and then the domain rules, each with its code. A
 * record's errors are all reported at once so a source can fix them in one go.
 */
@Injectable()
export class RecordValidationService {
  private readonly logger = new Logger(RecordValidationService.name);

  constructor(
    private readonly clock: Clock,
    @Inject(UNIT_DIRECTORY) private readonly units: UnitDirectory,
    @Inject(AUTHORITY_DIRECTORY) private readonly authorities: AuthorityDirectory,
  ) {}

  /**
   * Never throws for a bad record: an unexpected failure inside a rule is that record's problem,
   * reported on it (and logged), never a reason to lose the rest of its batch.
   */
  async validate(payload: unknown, submitter: SubmitterContext): Promise<ValidationResult> {
    try {
      return await this.validateOrThrow(payload, submitter);
    } catch (err) {
      this.logger.error(
        { err: err instanceof Error ? err.message : String(err) },
        'a validation rule failed',
      );
      return {
        ok: false,
        errors: [
          {
            path: '',
            code: 'RULE.UNCHECKABLE',
            message:
              'Không kiểm tra được hồ sơ này do lỗi hệ thống; hồ sơ đã được lưu, hãy gửi lại sau hoặc báo bộ phận kỹ thuật.',
          },
        ],
      };
    }
  }

  private async validateOrThrow(payload: unknown, submitter: SubmitterContext): Promise<ValidationResult> {
    const normalized = normalizeStringsNfc(payload);
    const violations = await findContractViolations(normalized);
    if (violations.length > 0) {
      return { ok: false, errors: violations.map((e) => structuralError(e.path, e.constraint)) };
    }
    const record = normalized as CivilStatusRecord;
    const ctx: RuleContext = {
      today: this.clock.today(),
      units: this.units,
      authorities: this.authorities,
      sourceId: submitter.sourceId,
      sourceProvinceCode: submitter.provinceCode,
    };
    const subjectRoles: readonly Role[] = SUBJECT_ROLES_BY_EVENT[record.eventType];
    const scan = scanRecord(record);
    const errors: RecordError[] = [
      ...checkSourceIdentity(record, ctx),
      ...checkDatesNotInFuture(scan, ctx),
      ...checkPartialDatesAllowed(record),
      ...checkEventChronology(record, subjectRoles),
      ...this.checkPins(record),
      ...checkUnitCodes(scan, this.units),
      ...checkBrokenCharacters(scan),
    ];
    const authority = checkAuthority(record, ctx);
    if (!authority.ok) errors.push(...authority.errors);
    if (errors.length > 0 || !authority.ok) return { ok: false, errors };
    return {
      ok: true,
      value: this.derive(
        record,
        authority.authority,
        authority.currentProvinces,
        subjectRoles,
        normalized === payload,
      ),
    };
  }

  private checkPins(record: CivilStatusRecord): RecordError[] {
    return record.parties.flatMap((party, i) => {
      const pin = party.person.personalIdNumber;
      if (!pin) return [];
      const birthYear = party.person.birthDate ? Number(party.person.birthDate.slice(0, 4)) : undefined;
      return checkPersonalIdNumber(
        { pin, sex: party.person.sex, birthYear },
        `parties[${i}].person.personalIdNumber`,
        (code) => this.units.isProvinceCodeEverValid(code),
      );
    });
  }

  private derive(
    record: CivilStatusRecord,
    authority: AuthorityVersionView,
    currentProvinces: readonly string[],
    subjectRoles: readonly Role[],
    sameAsReceived: boolean,
  ): ValidatedRecord {
    const keyRole = PIN_KEY_ROLE[record.eventType];
    const child = record.parties.find((p) => p.role === Role.CHILD);
    const eventDate =
      record.occurredOn ??
      (record.eventType === EventType.BIRTH ? child?.person.birthDate : undefined) ??
      null;
    const bounds = eventDate ? partialDateBounds(eventDate) : undefined;
    const { source: _source, provenance: _provenance, ...content } = record;
    return {
      record,
      sameAsReceived,
      sourceRecordId: record.source.sourceRecordId,
      authority,
      provinceCode: currentProvinces[0] ?? null,
      registeredProvinceCode: authority.provinceCode ?? null,
      registerYear: Number(record.registerRef.registeredOn.slice(0, 4)),
      occurredOn: eventDate,
      occurredFrom: bounds?.earliest ?? null,
      occurredTo: bounds?.latest ?? null,
      timeliness: computeTimeliness({
        eventType: record.eventType,
        registrationKind: record.registrationKind,
        eventDate: eventDate ?? undefined,
        registeredOn: record.registerRef.registeredOn,
      }),
      subjectPin: keyRole
        ? (record.parties.find((p) => p.role === keyRole)?.person.personalIdNumber ?? null)
        : null,
      subjectPins: record.parties
        .filter((p) => subjectRoles.includes(p.role) && p.person.personalIdNumber)
        .map((p) => p.person.personalIdNumber as string),
      contentHash: sha256Hex(canonicalJsonOf(CivilStatusRecord, content)),
    };
  }
}
