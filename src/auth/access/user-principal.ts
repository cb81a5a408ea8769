import type { RoleName, UserPermission } from '../../../config/access-control.js';

/** The official behind a request, as the access guard authenticated them. */
export interface UserPrincipal {
  userId: string;
  username: string;
  sessionId: string;
  /** The registering authority the user belongs to (UBND-X-…, STP-…, BTP). */
  authorityCode: string;
  roles: readonly RoleName[];
  permissions: ReadonlySet<UserPermission>;
}
