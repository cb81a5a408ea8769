/** Registering authorities are data with validity periods, never an enum of levels (DOMAIN.md §2). */
export type AuthorityKind =
  | 'COMMUNE_PEOPLES_COMMITTEE'
  | 'DISTRICT_PEOPLES_COMMITTEE'
  | 'PROVINCE_JUSTICE_DEPARTMENT'
  /** Embassies and consulates general alike: the law's "cơ quan đại diện" register the same events. */
  | 'EMBASSY'
  | 'MINISTRY';

/** One version of an authority: its name and competence as of a period. */
export interface AuthorityVersion {
  /** `code@validFrom` (`code@-` when validFrom is null): the register keys on the version. */
  readonly id: string;
  readonly code: string;
  readonly kind: AuthorityKind;
  /** As it was in that period, e.g. 'Ủy ban nhân dân phường Trúc Bạch'. */
  readonly name: string;
  /** The administrative unit it is the authority of (commune, district or province code). */
  readonly unitCode?: string;
  readonly provinceCode?: string;
  /** ISO 3166-1 alpha-2, for embassies and consulates. */
  readonly countryCode?: string;
  readonly validFrom: string | null;
  readonly validTo: string | null;
}
