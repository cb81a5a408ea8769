import { resolveAdminUnitsOptions } from './admin-units.options.js';

describe('resolveAdminUnitsOptions', () => {
  it('defaults to config/ under the working directory', () => {
    expect(resolveAdminUnitsOptions({}, {}, '/srv/hub')).toEqual({
      unitsDir: '/srv/hub/config/admin-units',
      authoritiesDir: '/srv/hub/config/authorities',
    });
  });

  it('takes ADMIN_UNITS_DIR and AUTHORITIES_DIR, relative to the working directory', () => {
    const env = { ADMIN_UNITS_DIR: '/data/units', AUTHORITIES_DIR: 'etc/authorities' };
    expect(resolveAdminUnitsOptions({}, env, '/srv/hub')).toEqual({
      unitsDir: '/data/units',
      authoritiesDir: '/srv/hub/etc/authorities',
    });
  });

  it('lets an option given in code win over the environment', () => {
    expect(
      resolveAdminUnitsOptions({ unitsDir: '/tmp/u' }, { ADMIN_UNITS_DIR: '/data/units' }, '/srv').unitsDir,
    ).toBe('/tmp/u');
  });
});
