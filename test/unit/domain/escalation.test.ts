import {
  DEADLINE_POLICIES,
  resolvePolicy,
  type PolicyCode,
} from '../../../domain/deadline-policies';
import { policyBeforeCorrections } from '../../../domain/law-corrections';
import {
  acknowledgeRefusal,
  escalationLadder,
  extensionRefusal,
  orderRefusal,
  reassignRefusal,
} from '../../../domain/escalation';

const HOUR = 3_600_000;

describe('escalationLadder', () => {
  it('reminds the owner at 75%, tells the first leader at the deadline and the second after the grace', () => {
    const policy = DEADLINE_POLICIES.FILING_REVIEW;
    const openedAt = Date.UTC(2026, 2, 2, 1, 0);
    const dueAt = openedAt + 100 * HOUR;
    expect(escalationLadder(policy, openedAt, dueAt)).toEqual([
      { level: 'REMINDER', at: openedAt + 75 * HOUR, role: 'HANDLER' },
      { level: 'FIRST_LEVEL', at: dueAt, role: 'UNIT_LEADER' },
      { level: 'SECOND_LEVEL', at: dueAt + 24 * HOUR, role: 'BUREAU_LEADER' },
    ]);
  });

  it('escalates alarms to the duty leader first', () => {
    const ladder = escalationLadder(DEADLINE_POLICIES.ALARM_ARRIVAL_TIER_1, 0, 5 * 60_000);
    expect(ladder.map((rung) => rung.role)).toEqual(['HANDLER', 'DUTY_LEADER', 'BUREAU_LEADER']);
    expect(ladder[2]!.at).toBe(10 * 60_000);
  });

  it('takes a shortened grace from test overrides', () => {
    const policy = resolvePolicy('FILING_REVIEW', {
      FILING_REVIEW: {
        period: { length: 4, unit: 'SECONDS' },
        grace: { length: 2, unit: 'SECONDS' },
      },
    });
    expect(escalationLadder(policy, 0, 4000).map((rung) => rung.at)).toEqual([3000, 4000, 6000]);
  });
  // Police leaders are not escalated to about the procuratorate's or the court's steps: the
  // step goes overdue to its own agency's role, the only one of that agency in the directory.
  it.each<[PolicyCode, string[]]>([
    ['ARREST_DECISION', ['PROSECUTOR', 'PROSECUTOR']],
    ['PROSECUTION_REVIEW_FAST_TRACK', ['PROSECUTOR', 'PROSECUTOR']],
    ['PROSECUTION_REVIEW_ORDINARY', ['PROSECUTOR', 'PROSECUTOR']],
    ['FAST_TRACK_TRIAL', ['JUDGE', 'JUDGE']],
    ['SIMPLIFIED_TRIAL', ['JUDGE', 'JUDGE']],
    ['ORDINARY_TRIAL', ['JUDGE', 'JUDGE']],
    ['CUSTODY_INVESTIGATION', ['HANDLER', 'UNIT_LEADER', 'BUREAU_LEADER']],
    ['SUPPLEMENTARY_INVESTIGATION', ['HANDLER', 'UNIT_LEADER', 'BUREAU_LEADER']],
    ['NON_PROSECUTION_RECONSIDERATION_DECISION', ['PROSECUTOR', 'PROSECUTOR']],
    // The detention duties and the police's windows for 复议 are the police's own steps.
    ['DETENTION_HOUSE_DELIVERY', ['HANDLER', 'UNIT_LEADER', 'BUREAU_LEADER']],
    ['FAMILY_NOTIFICATION', ['HANDLER', 'UNIT_LEADER', 'BUREAU_LEADER']],
    ['FIRST_INTERROGATION', ['HANDLER', 'UNIT_LEADER', 'BUREAU_LEADER']],
    ['ARREST_DENIAL_RECONSIDERATION', ['HANDLER', 'UNIT_LEADER', 'BUREAU_LEADER']],
    ['NON_PROSECUTION_RECONSIDERATION', ['HANDLER', 'UNIT_LEADER', 'BUREAU_LEADER']],
    // The next-higher bureau's 复核 is recorded by the case centre and followed up by the leaders.
    ['REVIEW_DECISION', ['CASE_CENTER', 'BUREAU_LEADER']],
  ])('escalates %s to %j', (code, roles) => {
    expect(escalationLadder(DEADLINE_POLICIES[code], 0, 100).map((rung) => rung.role)).toEqual(
      roles,
    );
  });

  it('escalated every step to the police leaders before the corrections (runs decided then)', () => {
    const before = policyBeforeCorrections(DEADLINE_POLICIES.PROSECUTION_REVIEW_ORDINARY);
    expect(escalationLadder(before, 0, 100).map((rung) => rung.role)).toEqual([
      'PROSECUTOR',
      'UNIT_LEADER',
      'BUREAU_LEADER',
    ]);
    expect(policyBeforeCorrections(DEADLINE_POLICIES.FILING_REVIEW)).toBe(
      DEADLINE_POLICIES.FILING_REVIEW,
    );
  });
});

describe('extensionRefusal', () => {
  const admin = DEADLINE_POLICIES.ADMIN_CASE;
  const thirtyDays = { length: 30, unit: 'DAYS' as const, calendar: 'NATURAL' as const };

  it.each([
    ['the first +30 days by the bureau leader', admin, 0, thirtyDays, 'BUREAU_LEADER', undefined],
    ['the second +30 days', admin, 1, thirtyDays, 'BUREAU_LEADER', undefined],
    ['less than the cap', admin, 0, { ...thirtyDays, length: 10 }, 'BUREAU_LEADER', undefined],
    [
      'a third extension of a 治安 case',
      admin,
      2,
      thirtyDays,
      'BUREAU_LEADER',
      /at most 2 time\(s\); 2 already granted/,
    ],
    [
      'more than the cap',
      admin,
      0,
      { ...thirtyDays, length: 31 },
      'BUREAU_LEADER',
      /at most 30 days, not 31 days/,
    ],
    [
      'the wrong approver',
      admin,
      0,
      thirtyDays,
      'UNIT_LEADER',
      /must be approved by BUREAU_LEADER \(分局领导\), not UNIT_LEADER/,
    ],
    [
      'the wrong unit',
      admin,
      0,
      { length: 1, unit: 'MONTHS' as const },
      'BUREAU_LEADER',
      /counted in days, not month/,
    ],
    [
      'a step with no extension',
      DEADLINE_POLICIES.PENALTY_SERVICE,
      0,
      { length: 1, unit: 'DAYS' as const },
      'BUREAU_LEADER',
      /cannot be extended/,
    ],
    [
      'custody: +2 months as the second step',
      DEADLINE_POLICIES.CUSTODY_INVESTIGATION,
      1,
      { length: 2, unit: 'MONTHS' as const },
      'PROSECUTOR',
      undefined,
    ],
    [
      'custody: +2 months as the first step',
      DEADLINE_POLICIES.CUSTODY_INVESTIGATION,
      0,
      { length: 2, unit: 'MONTHS' as const },
      'PROSECUTOR',
      /at most 1 month, not 2 months/,
    ],
    [
      'filing review to 30 days needs the bureau leader',
      DEADLINE_POLICIES.FILING_REVIEW,
      1,
      { length: 23, unit: 'DAYS' as const },
      'UNIT_LEADER',
      /BUREAU_LEADER/,
    ],
  ] as const)('%s', (_, policy, granted, requested, approver, expected) => {
    const refusal = extensionRefusal(policy, granted, requested, approver);
    if (expected === undefined) expect(refusal).toBeUndefined();
    else expect(refusal).toMatch(expected);
  });
});

describe('resolvePolicy with overrides', () => {
  it('shortens the variants with the period, so a variant still resolves', () => {
    const policy = resolvePolicy('PROSECUTION_REVIEW_FAST_TRACK', {
      PROSECUTION_REVIEW_FAST_TRACK: { period: { length: 3, unit: 'SECONDS' } },
    });
    expect(policy.variants?.SENTENCE_OVER_ONE_YEAR?.period).toEqual({ length: 3, unit: 'SECONDS' });
  });

  it('shortens every extension step, keeping its approver', () => {
    const policy = resolvePolicy('ADMIN_CASE', {
      ADMIN_CASE: { extensionUpTo: { length: 5, unit: 'SECONDS' } },
    });
    expect(policy.extensions).toEqual([
      { upTo: { length: 5, unit: 'SECONDS' }, approverRole: 'BUREAU_LEADER' },
      { upTo: { length: 5, unit: 'SECONDS' }, approverRole: 'BUREAU_LEADER' },
    ]);
  });
});

describe("leaders' answers", () => {
  const fired = [{ taskId: 't1', level: { code: 'FIRST_LEVEL' as const }, role: 'UNIT_LEADER' }];

  it.each([
    [
      { taskId: 't1', level: 'FIRST_LEVEL' as const, actor: { role: 'UNIT_LEADER' as const } },
      undefined,
    ],
    [
      { taskId: 't1', level: 'SECOND_LEVEL' as const, actor: { role: 'BUREAU_LEADER' as const } },
      'No SECOND_LEVEL escalation has fired for task t1.',
    ],
    [
      { taskId: 't1', level: 'FIRST_LEVEL' as const, actor: { role: 'HANDLER' as const } },
      'This escalation went to UNIT_LEADER; HANDLER cannot acknowledge it.',
    ],
  ])('acknowledging %o', (request, expected) => {
    expect(acknowledgeRefusal(fired, request)).toBe(expected);
  });

  it('refuses acknowledging twice', () => {
    expect(
      acknowledgeRefusal([{ ...fired[0]!, acknowledged: { by: 'x' } }], {
        taskId: 't1',
        level: 'FIRST_LEVEL',
        actor: { role: 'UNIT_LEADER' },
      }),
    ).toBe('This escalation has already been answered.');
  });

  it.each([
    [
      { actor: { role: 'UNIT_LEADER' as const }, handlerId: 'officer-9', reason: '出差' },
      undefined,
    ],
    [
      { actor: { role: 'HANDLER' as const }, handlerId: 'officer-9', reason: '出差' },
      'A case is reassigned by UNIT_LEADER or BUREAU_LEADER, not HANDLER.',
    ],
    [
      { actor: { role: 'BUREAU_LEADER' as const }, handlerId: '', reason: '出差' },
      'Reassignment requires handlerId, the new handler.',
    ],
    [
      { actor: { role: 'BUREAU_LEADER' as const }, handlerId: 'officer-9' },
      'Reassignment requires a reason.',
    ],
    [
      { actor: { role: 'BUREAU_LEADER' as const }, handlerId: 'officer-7', reason: 'x' },
      'officer-7 already handles this case.',
    ],
  ])('reassigning %o', (request, expected) => {
    expect(reassignRefusal('officer-7', request)).toBe(expected);
  });

  it.each([
    [{ actor: { role: 'BUREAU_LEADER' as const }, instruction: '三日内补充笔录' }, undefined],
    [
      { actor: { role: 'LEGAL_OFFICER' as const }, instruction: 'x' },
      'Actions are ordered by UNIT_LEADER or BUREAU_LEADER, not LEGAL_OFFICER.',
    ],
    [
      { actor: { role: 'UNIT_LEADER' as const }, instruction: ' ' },
      'An order requires an instruction.',
    ],
  ])('ordering %o', (request, expected) => {
    expect(orderRefusal(request)).toBe(expected);
  });
});
