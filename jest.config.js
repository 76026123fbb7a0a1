// Unit tests run without any server. Integration tests share one Temporal dev server and one fresh
// PostgreSQL database for the run (test/support/global-setup.ts), and are never mocked.
const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    // import() becomes require(): the Prisma client loads its query compiler with import(), which
    // Jest's VM refuses. (Node >= 20.19 can require() the ES module of the embedded PostgreSQL's
    // binaries, which only the global setup loads.)
    module: { type: 'commonjs' },
  },
];

const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  // The generated Prisma client imports its own files with a .js suffix.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};

/** @type {import('jest').Config} */
module.exports = {
  // A global option (Jest ignores it per project); the system tests start whole systems.
  testTimeout: 240_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
