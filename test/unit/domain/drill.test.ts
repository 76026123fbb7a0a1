import {
  DEADLINE_POLICIES,
  resolvePolicy,
  type PolicyCode,
  type PolicyOverrides,
} from '../../../domain/deadline-policies';
import { computeDeadline } from '../../../domain/deadlines';
import { parseDrillDeadlines } from '../../../domain/drill';

const seconds = (length: number) => ({ length, unit: 'SECONDS' as const });

function overridesOf(text: string): PolicyOverrides {
  const parsed = parseDrillDeadlines(text);
  if (!parsed.ok) throw new Error(`expected ${text} to parse: ${parsed.problem}`);
  return parsed.overrides;
}

describe('parseDrillDeadlines', () => {
  it.each([
    // [input, policy, the override it gets]
    [
      'factor:0.001',
      'FILING_REVIEW',
      {
        period: seconds(259), // 3 days
        grace: seconds(86), // 1 day
        extensionSteps: [seconds(346), seconds(1987)], // 4 and 23 days
        drill: true,
      },
    ],
    [
      'factor:0.001',
      'ADMIN_QUESTIONING',
      {
        period: seconds(29), // 8 hours
        variants: { COMPLEX: seconds(43), DETENTION_POSSIBLE: seconds(86) },
        grace: expect.anything(),
        drill: true,
      },
    ],
    // A month counts as 30 days; "the same day" as one day; a minute stays above the floor.
    ['factor:0.001', 'CUSTODY_INVESTIGATION', expect.objectContaining({ period: seconds(5184) })],
    ['factor:0.001', 'ALARM_DISPOSAL', expect.objectContaining({ period: seconds(86) })],
    ['factor:0.0001', 'ALARM_ARRIVAL_TIER_1', expect.objectContaining({ period: seconds(1) })],
    ['factor:1', 'LEGAL_REVIEW', expect.objectContaining({ period: seconds(259_200) })],
    ['factor:1e-3', 'FILING_REVIEW', expect.objectContaining({ period: seconds(259) })],
    [
      'FILING_REVIEW=30s,LEGAL_REVIEW=2m',
      'FILING_REVIEW',
      {
        period: seconds(30),
        grace: seconds(10), // a third of the period, as the legal 1 day is of 3 days
        extensionSteps: [seconds(40), seconds(230)],
        drill: true,
      },
    ],
    [
      'FILING_REVIEW=30s,LEGAL_REVIEW=2m',
      'LEGAL_REVIEW',
      { period: seconds(120), grace: seconds(40), drill: true },
    ],
    // A policy not named keeps its legal length, but is marked as a drill all the same.
    ['FILING_REVIEW=30s,LEGAL_REVIEW=2m', 'BAIL', { drill: true }],
    [' ADMIN_CASE = 1h , ', 'ADMIN_CASE', expect.objectContaining({ period: seconds(3600) })],
    ['ADMIN_CASE=2d', 'ADMIN_CASE', expect.objectContaining({ period: seconds(172_800) })],
    [
      'ALARM_ARRIVAL_TIER_1=5m',
      'ALARM_ARRIVAL_TIER_1',
      expect.objectContaining({ period: seconds(300) }),
    ],
  ] as const)('%s gives %s its override', (text, code, expected) => {
    expect(overridesOf(text)[code as PolicyCode]).toEqual(expected);
  });

  it('covers every policy, in both forms', () => {
    for (const text of ['factor:0.01', 'FILING_REVIEW=30s']) {
      expect(Object.keys(overridesOf(text)).sort()).toEqual(Object.keys(DEADLINE_POLICIES).sort());
    }
  });

  it.each([
    ['', 'it names no deadline (for example factor:0.001, or FILING_REVIEW=30s,LEGAL_REVIEW=2m)'],
    [' , ', 'it names no deadline'],
    ['factor:abc', 'the factor "abc" is not a number'],
    ['factor:', 'the factor "" is not a number'],
    ['factor:-0.5', 'the factor "-0.5" is not a number'],
    ['factor:0', 'the factor 0 must be more than 0 and at most 1: a drill only shortens deadlines'],
    ['factor:2', 'the factor 2 must be more than 0 and at most 1: a drill only shortens deadlines'],
    ['factor:0.1,FILING_REVIEW=30s', 'write either one factor:N or POLICY=LENGTH pairs, not both'],
    ['factor:0.1,factor:0.2', 'write either one factor:N or POLICY=LENGTH pairs, not both'],
    ['fast', '"fast" is neither factor:N nor POLICY=LENGTH'],
    ['NOPE=30s', 'NOPE is not a deadline policy; the policies are ALARM_ARRIVAL_TIER_1, '],
    ['filing_review=30s', 'filing_review is not a deadline policy'],
    [
      'FILING_REVIEW=30',
      'FILING_REVIEW=30 is not a length: write a whole number with s, m, h or d, such as FILING_REVIEW=30s',
    ],
    ['FILING_REVIEW=1.5m', 'FILING_REVIEW=1.5m is not a length'],
    ['FILING_REVIEW=30 seconds', 'FILING_REVIEW=30 seconds is not a length'],
    ['FILING_REVIEW=0s', 'FILING_REVIEW=0s must be at least 1 second'],
    [
      'FILING_REVIEW=5d',
      'FILING_REVIEW=5d is longer than its legal period (3 days): a drill only shortens deadlines',
    ],
    [
      'ALARM_ARRIVAL_TIER_1=6m',
      'ALARM_ARRIVAL_TIER_1=6m is longer than its legal period (5 minutes)',
    ],
    ['FILING_REVIEW=30s,FILING_REVIEW=1m', 'FILING_REVIEW is given twice'],
  ])('refuses %j: %s', (text, problem) => {
    const parsed = parseDrillDeadlines(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problem).toContain(problem);
  });
});

describe('deadlines under drill mode', () => {
  const at = Date.parse('2026-03-04T09:15:00+08:00');

  it('are shortened, and their explanation says it is a drill, first and as a warning', () => {
    const policy = resolvePolicy('FILING_REVIEW', overridesOf('FILING_REVIEW=30s'));
    const deadline = computeDeadline({ policy, triggeredAt: at });
    expect(deadline.dueAt).toBe(at + 30_000);
    expect(deadline.steps[0]!.en).toBe(
      'Drill: this system runs in drill mode (DRILL_DEADLINES); this deadline is shortened for the drill and is not the legal period.',
    );
    expect(deadline.steps[0]!.zh).toContain('演练模式');
    expect(deadline.warnings).toEqual([deadline.steps[0]]);
    expect(deadline.steps.map((s) => s.en)).toContain(
      'Period: 30 seconds (shortened for a drill, DRILL_DEADLINES).',
    );
  });

  it('say so for every policy, shortened or keeping its legal length', () => {
    for (const text of ['factor:0.001', 'FILING_REVIEW=30s']) {
      const overrides = overridesOf(text);
      for (const code of Object.keys(DEADLINE_POLICIES) as PolicyCode[]) {
        const policy = resolvePolicy(code, overrides);
        const variants = [undefined, ...Object.keys(policy.variants ?? {})];
        for (const variant of variants) {
          const { steps, warnings } = computeDeadline({ policy, triggeredAt: at, variant });
          expect(steps[0]!.en).toMatch(/^Drill: this system runs in drill mode/);
          expect(warnings).toContainEqual(steps[0]);
        }
      }
    }
    const legal = computeDeadline({
      policy: resolvePolicy('BAIL', overridesOf('FILING_REVIEW=30s')),
      triggeredAt: at,
    });
    expect(legal.steps[0]!.en).toContain(
      'this deadline is not shortened and keeps its legal length',
    );
  });

  it('take extensions within the drill caps, in seconds', () => {
    const policy = resolvePolicy('FILING_REVIEW', overridesOf('factor:0.001'));
    const deadline = computeDeadline({
      policy,
      triggeredAt: at,
      extensions: [seconds(346), seconds(1987)],
    });
    expect(deadline.dueAt).toBe(at + (259 + 346 + 1987) * 1000);
  });

  it('leave tests’ own overrides worded as before', () => {
    const policy = resolvePolicy('FILING_REVIEW', { FILING_REVIEW: { period: seconds(5) } });
    const { steps, warnings } = computeDeadline({ policy, triggeredAt: at });
    expect(warnings).toEqual([]);
    expect(steps.map((s) => s.en)).toContain('Period: 5 seconds (shortened for a test or drill).');
  });
});
