import { isAbsolute, resolve } from 'node:path';

export interface AdminUnitsOptions {
  /** Directory with the units, crosswalk and ID-prefix files. */
  readonly unitsDir: string;
  /** Directory with authorities.json (embassies, consulates, the Ministry). */
  readonly authoritiesDir: string;
}

export const ADMIN_UNITS_OPTIONS = Symbol('ADMIN_UNITS_OPTIONS');

/**
 * An option given in code wins, then ADMIN_UNITS_DIR / AUTHORITIES_DIR, then the repository's
 * config/ folder. Relative paths are taken from the working directory: the hub is always started
 * from the repository root.
 */
export function resolveAdminUnitsOptions(
  given: Partial<AdminUnitsOptions> = {},
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): AdminUnitsOptions {
  const pick = (option: string | undefined, variable: string | undefined, fallback: string): string => {
    const chosen = option ?? (variable?.trim() ? variable.trim() : fallback);
    return isAbsolute(chosen) ? chosen : resolve(cwd, chosen);
  };
  return {
    unitsDir: pick(given.unitsDir, env['ADMIN_UNITS_DIR'], 'config/admin-units'),
    authoritiesDir: pick(given.authoritiesDir, env['AUTHORITIES_DIR'], 'config/authorities'),
  };
}
