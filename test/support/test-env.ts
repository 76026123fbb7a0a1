// What the global setup started, handed to the test files through the environment.
export interface TestEnvironment {
  temporalAddress: string;
  /** The application role's URL: what the system under test connects as. */
  databaseUrl: string;
  /** The same database as its owner (migrations, and tests that must reach behind the app). */
  ownerUrl: string;
  /** Where to create further throw-away databases (a URL to the `postgres` database). */
  adminUrl: string;
}

const KEY = 'CASE_ORCHESTRATOR_TEST_ENV';

export function publishTestEnvironment(env: TestEnvironment) {
  process.env[KEY] = JSON.stringify(env);
}

export function testEnvironment(): TestEnvironment {
  const raw = process.env[KEY];
  if (!raw) throw new Error(`${KEY} is not set: run integration tests through jest (npm test).`);
  return JSON.parse(raw) as TestEnvironment;
}

/** The payload key of the test run: in-process workers and clients, and the worker processes the
 * tests start (TEMPORAL_PAYLOAD_KEYS), all share it. Not a secret: a test fixture. */
export const TEST_PAYLOAD_KEYS = 'a3f1c2d4e5b60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00';

/** The roles the tests' databases are provisioned with (test fixtures: the local server trusts). */
export const TEST_ROLES = {
  owner: { name: 'case_test_owner', password: 'case-test-owner-password' },
  app: { name: 'case_test_app', password: 'case-test-app-password' },
} as const;
