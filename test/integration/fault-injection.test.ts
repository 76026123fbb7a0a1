// The fault-injection run (scripts/fault-injection.ts, `npm run fault-injection`) against the test's
// Temporal and PostgreSQL: cases driven at seeded times past and short of their deadlines while the
// worker is killed (SIGKILL) and replaced twice; every rung due fires once, no other rung does, and
// every answered action is recorded once.
import { runFaultInjection, summary } from '../../scripts/fault-injection';
import { testEnvironment } from '../support/test-env';

it('keeps the engine’s promises while its worker is killed twice mid-run', async () => {
  const { temporalAddress, databaseUrl } = testEnvironment();
  const report = await runFaultInjection({
    temporalAddress,
    databaseUrl,
    seed: 8,
    cases: 30,
    kills: 2,
  });
  process.stderr.write(`${summary(report).join('\n')}\n`);

  expect(report.violations).toEqual([]);
  // The run did what it claims: two kills while calls were in flight, steps completed on both
  // sides of their rungs, every action answered.
  expect(report.kills).toHaveLength(2);
  expect(report.kills.every((k) => k.callsInFlight > 0)).toBe(true);
  expect(report.completed.beforeFirstRung).toBeGreaterThan(0);
  expect(report.completed.afterARung).toBeGreaterThan(0);
  expect(report.rungs.expected).toBeGreaterThan(0);
  expect(report.actions.applied).toBe(report.actions.sent);
});
