/** Layer rules of ../shared/DESIGN.md §3, checked by `npm run lint`. */
module.exports = {
  forbidden: [
    {
      name: 'contracts-are-standalone',
      comment: 'contracts/ is the published standard format: it imports nothing from the hub or adapters.',
      severity: 'error',
      from: { path: '^contracts/' },
      to: { path: '^(src|adapters|test|bench)/' },
    },
    {
      name: 'adapters-do-not-import-each-other',
      comment: 'Each adapter owns its transport; they meet only through intake.',
      severity: 'error',
      from: { path: '^adapters/([^/]+)/' },
      to: { path: '^adapters/([^/]+)/', pathNot: '^adapters/$1/' },
    },
    {
      name: 'adapters-do-not-touch-the-register',
      comment: 'Adapters hand raw records to intake; only the hub writes the register.',
      severity: 'error',
      from: { path: '^adapters/' },
      to: { path: '^src/register/' },
    },
    {
      name: 'controllers-do-not-import-adapters',
      comment:
        "The hub's controllers never reach into an adapter; an adapter's own controller (adapters/x/) uses its own files, and adapters-do-not-import-each-other keeps it there.",
      severity: 'error',
      from: { path: '\\.controller\\.ts$', pathNot: '^adapters/' },
      to: { path: '^adapters/' },
    },
    {
      name: 'hub-does-not-import-tests',
      severity: 'error',
      from: { path: '^(src|contracts|adapters)/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'population-simulator-is-an-outside-system',
      comment: 'The simulator plays the national population database: it shares only the wire contract.',
      severity: 'error',
      from: { path: '^src/population-simulator/' },
      to: { path: '^src/', pathNot: '^src/population-simulator/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js'],
    },
  },
};
