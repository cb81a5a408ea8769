// Jest runs in ESM mode (NestJS 12 is ESM-only): see ../shared/STACK.md.
const tsJest = ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }];
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': tsJest },
  testEnvironment: 'node',
};

/** @type {import('jest').Config} */
export default {
  // testTimeout is a global option (Jest ignores it inside a project): integration tests start the
  // whole hub, which takes more than the default 5 s on a loaded 2-core machine.
  testTimeout: 60000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/src/**/*.spec.ts',
        '<rootDir>/contracts/**/*.spec.ts',
        '<rootDir>/adapters/**/*.spec.ts',
        '<rootDir>/test/generators/**/*.spec.ts',
        '<rootDir>/config/**/*.spec.ts',
      ],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
    },
  ],
};
