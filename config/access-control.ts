/**
 * Who may do what (issue 6, point 1): permissions, and the officials' roles as bundles of them.
 * Code names a permission; a role is data here. An endpoint declares the one permission it needs
 * (src/auth/access/access.decorators.ts); a user holds a permission when one of their roles does.
 *
 * Jurisdiction (which records) is separate from permission (which actions): a registrar may read
 * events, but only those of their own commune.
 */
export const USER_PERMISSIONS = [
  'event.read',
  'event.register',
  'event.correct',
  'event.sign',
  'person.read',
  /** Looking up a person by exact personal ID number outside one's jurisdiction, for registration work (logged). */
  'person.lookup-by-pin',
  'change.review',
  'statistics.read',
  'export.run',
  'user.read',
  'user.manage',
  'session.read',
  'session.revoke',
  'source.manage',
  'audit.read',
  'audit.verify',
  'alert.read',
  'monitoring.read',
  /**
   * Sending a dead-lettered message to the national population database again (it may issue a
   * personal ID number): the Ministry only, audited with the official as actor.
   */
  'population.replay',
  /** One's own account: who am I, one's own sessions, logout. Every official has it. */
  'self.session',
  /** Notices of changes to registered events (issue 6, point 4): the province supervisors', the Ministry's. */
  'notification.read',
  /**
   * The duplicate review queue (issue 4): seeing held records beside their candidates, and deciding
   * "same event" / "different". Apart from change.review (corrections) because the work differs; read
   * and decide are apart so a read-only reviewer (an inspector) can be given the one without the other.
   */
  'duplicate.review',
  'duplicate.decide',
] as const;
export type UserPermission = (typeof USER_PERMISSIONS)[number];

/** What a source system (a machine account bound to one province) may do. */
export const SOURCE_PERMISSIONS = ['intake.submit', 'intake.read-own'] as const;
export type SourcePermission = (typeof SOURCE_PERMISSIONS)[number];

export const ROLE_NAMES = [
  'REGISTRAR',
  'SIGNER',
  'PROVINCE_SUPERVISOR',
  'MINISTRY_ADMIN',
  'MINISTRY_IT_MONITOR',
] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

/** The kinds of registering authority (src/admin-units) a role's holder may belong to. */
export type AuthorityKindName =
  | 'COMMUNE_PEOPLES_COMMITTEE'
  | 'DISTRICT_PEOPLES_COMMITTEE'
  | 'PROVINCE_JUSTICE_DEPARTMENT'
  | 'EMBASSY'
  | 'MINISTRY';

export interface RoleDefinition {
  /** As the user interface shows it (DOMAIN.md terms). */
  label: string;
  authorityKinds: readonly AuthorityKindName[];
  /** A second factor (TOTP) is required at login (issue 6: province and Ministry roles). */
  totpRequired: boolean;
  permissions: readonly UserPermission[];
}

export const ROLES: Readonly<Record<RoleName, RoleDefinition>> = {
  REGISTRAR: {
    label: 'Công chức tư pháp - hộ tịch',
    authorityKinds: ['COMMUNE_PEOPLES_COMMITTEE', 'EMBASSY'],
    totpRequired: false,
    permissions: [
      'self.session',
      'event.read',
      'event.register',
      'event.correct',
      'person.read',
      'person.lookup-by-pin',
      'statistics.read',
    ],
  },
  SIGNER: {
    label: 'Người ký (Chủ tịch hoặc Phó Chủ tịch UBND xã)',
    authorityKinds: ['COMMUNE_PEOPLES_COMMITTEE', 'EMBASSY'],
    totpRequired: false,
    permissions: ['self.session', 'event.read', 'event.sign', 'person.read', 'statistics.read'],
  },
  PROVINCE_SUPERVISOR: {
    label: 'Sở Tư pháp (giám sát cấp tỉnh)',
    authorityKinds: ['PROVINCE_JUSTICE_DEPARTMENT'],
    totpRequired: true,
    permissions: [
      'self.session',
      'event.read',
      'person.read',
      'change.review',
      'statistics.read',
      'export.run',
      'audit.read',
      'alert.read',
      // The population link's service level and overdue messages of their own province only
      // (src/population: scoped with the jurisdiction helpers); no replay.
      'monitoring.read',
      // DOMAIN.md §2: the Sở Tư pháp supervises and corrects data.
      'event.correct',
      'notification.read',
      'duplicate.review',
      'duplicate.decide',
    ],
  },
  MINISTRY_ADMIN: {
    label: 'Quản trị viên Bộ Tư pháp',
    authorityKinds: ['MINISTRY'],
    totpRequired: true,
    permissions: [
      'self.session',
      'event.read',
      'person.read',
      'statistics.read',
      'export.run',
      'user.read',
      'user.manage',
      'session.read',
      'session.revoke',
      'source.manage',
      'audit.read',
      'audit.verify',
      'alert.read',
      // Accountable for the register's data flows: may order a dead letter sent again when the IT
      // monitor is unavailable.
      'population.replay',
      'notification.read',
      // Held records of no province (events registered abroad, by an embassy) have no province
      // supervisor: the Ministry decides them, and may decide any other.
      'duplicate.review',
      'duplicate.decide',
    ],
  },
  MINISTRY_IT_MONITOR: {
    label: 'Cán bộ công nghệ thông tin Bộ Tư pháp (giám sát tích hợp)',
    authorityKinds: ['MINISTRY'],
    totpRequired: true,
    permissions: [
      'self.session',
      'monitoring.read',
      'alert.read',
      'audit.read',
      'audit.verify',
      'session.read',
      'statistics.read',
      // Operates the link day to day: sees the dead letters and sends them again once the cause is fixed.
      'population.replay',
    ],
  },
};

export function permissionsOf(roles: readonly string[]): ReadonlySet<UserPermission> {
  const out = new Set<UserPermission>();
  for (const r of roles) for (const p of ROLES[r as RoleName]?.permissions ?? []) out.add(p);
  return out;
}

export function isRoleName(value: string): value is RoleName {
  return (ROLE_NAMES as readonly string[]).includes(value);
}
