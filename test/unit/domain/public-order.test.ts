// The public-order (治安) procedure as tables: the questioning after a summons, counted from the
// exact arrival; the fast procedure's 48 hours and its conversion; mediation; the penalty decided at
// its level and then served within 2 days; and the rules as they were before, for older runs.
import {
  decide,
  openCase,
  type CaseCommand,
  type CaseModel,
  type CaseSettings,
} from '../../../domain/case-decider';
import type { ActionFields, CaseKind } from '../../../domain/lifecycle';
import { fastProcedureMisfits, type FastProcedureFacts } from '../../../domain/public-order';
import type { Role } from '../../../domain/roles';
import { fittingFastProcedureFacts } from '../../support/fixtures';

const T0 = Date.parse('2026-05-11T09:15:00+08:00');
const HOUR = 3_600_000;
const MINUTE = 60_000;

const PUBLIC_ORDER: CaseSettings = {
  lawCorrections: true,
  criminalClocks: true,
  approvals: true,
  publicOrder: true,
};
const BEFORE: CaseSettings = { lawCorrections: true, criminalClocks: true, approvals: true };

const actor = (role: Role) => ({ id: `${role.toLowerCase()}-1`, role });
const opened = (kind: CaseKind = 'ADMINISTRATIVE', settings = PUBLIC_ORDER) =>
  openCase(
    {
      caseId: 'case-1',
      kind,
      unitId: 'pcs-chengguan',
      handlerId: 'officer-7',
      title: '殴打他人案',
      queryCode: 'AB12CD34',
      acceptedAt: T0,
      acceptedBy: actor('HANDLER'),
    },
    settings,
  ).state;

const record = (
  event: string,
  at: number,
  extra: { arrivedAt?: number; ground?: string } = {},
): CaseCommand => ({ type: 'MEASURE', actor: actor('HANDLER'), at, event, ...extra });
const action = (name: string, at: number, fields: ActionFields = {}, role: Role = 'HANDLER') =>
  ({ type: 'ACTION', action: name, actor: actor(role), at, fields }) as CaseCommand;
const approve = (role: Role, n: number, at: number): CaseCommand => ({
  type: 'APPROVE',
  actor: actor(role),
  at,
  proposalId: `case-1:PROPOSAL:${n}`,
});

function run(state: CaseModel, commands: CaseCommand[], settings = PUBLIC_ORDER) {
  for (const command of commands) {
    const decision = decide(state, command, settings);
    if (!decision.ok) throw new Error(`${JSON.stringify(command)} refused: ${decision.reason}`);
    if (decision.duplicate) throw new Error('unexpected duplicate');
    state = decision.state;
  }
  return state;
}
const refusalOf = (state: CaseModel, command: CaseCommand, settings = PUBLIC_ORDER) => {
  const decision = decide(state, command, settings);
  return decision.ok ? undefined : decision.reason;
};
const clock = (state: CaseModel, policy: string) =>
  state.clocks.find((c) => c.policyCode === policy);

const FITS = fittingFastProcedureFacts;

describe('questioning after a summons (传唤后询问查证)', () => {
  // Arrived at 14:37: the hours run from that very minute, not from the next full hour.
  const ARRIVED = Date.parse('2026-05-11T14:37:00+08:00');

  it.each<[string, string | undefined, string]>([
    ['8 hours', undefined, '2026-05-11T22:37:00+08:00'],
    ['12 hours in a complex case', 'COMPLEX', '2026-05-12T02:37:00+08:00'],
    ['24 hours where detention is possible', 'DETENTION_POSSIBLE', '2026-05-12T14:37:00+08:00'],
  ])('runs %s from the exact arrival', (_, ground, due) => {
    const summoned = run(opened(), [
      record('SUMMONED', ARRIVED + 5 * MINUTE, {
        arrivedAt: ARRIVED,
        ...(ground ? { ground } : {}),
      }),
    ]);
    const questioning = clock(summoned, 'ADMIN_QUESTIONING')!;
    expect([questioning.openedAt, questioning.dueAt, questioning.variant]).toEqual([
      ARRIVED,
      Date.parse(due),
      ground,
    ]);
    expect(summoned.arrivedAt).toBe(ARRIVED);
  });

  it('ends when the person leaves or is released, and a second summons runs anew', () => {
    const ended = run(opened(), [
      record('SUMMONED', ARRIVED, { arrivedAt: ARRIVED }),
      record('QUESTIONING_ENDED', ARRIVED + 3 * HOUR),
    ]);
    expect(clock(ended, 'ADMIN_QUESTIONING')).toBeUndefined();
    const again = run(ended, [
      record('SUMMONED', ARRIVED + 26 * HOUR, { arrivedAt: ARRIVED + 26 * HOUR }),
    ]);
    expect(clock(again, 'ADMIN_QUESTIONING')!.taskId).toBe('case-1:QUESTIONING:2');
    // The fast procedure's 48 hours still run from the first arrival.
    expect(again.arrivedAt).toBe(ARRIVED);
  });

  it.each<[string, () => CaseModel, CaseCommand, string]>([
    [
      'on a criminal case',
      () => opened('CRIMINAL'),
      record('SUMMONED', ARRIVED, { arrivedAt: ARRIVED }),
      'recorded on public-order (治安) cases',
    ],
    ['without the arrival', () => opened(), record('SUMMONED', ARRIVED), 'send arrivedAt'],
    [
      'an arrival in the future',
      () => opened(),
      record('SUMMONED', ARRIVED, { arrivedAt: ARRIVED + MINUTE }),
      'is in the future',
    ],
    [
      'a ground the law does not name',
      () => opened(),
      record('SUMMONED', ARRIVED, { arrivedAt: ARRIVED, ground: 'UNABLE_TO_NOTIFY' }),
      'one of COMPLEX, DETENTION_POSSIBLE',
    ],
    [
      'a second summons while the first runs',
      () => run(opened(), [record('SUMMONED', ARRIVED, { arrivedAt: ARRIVED })]),
      record('SUMMONED', ARRIVED + HOUR, { arrivedAt: ARRIVED + HOUR }),
      'already under way',
    ],
    [
      'an end with no questioning',
      () => opened(),
      record('QUESTIONING_ENDED', ARRIVED),
      'record SUMMONED (传唤到案) first',
    ],
  ])('refuses %s', (_, state, command, refusal) => {
    expect(refusalOf(state(), command)).toContain(refusal);
  });

  it('knows no summons in runs decided before the procedure', () => {
    expect(
      refusalOf(
        opened('ADMINISTRATIVE', BEFORE),
        record('SUMMONED', ARRIVED, { arrivedAt: ARRIVED }),
        BEFORE,
      ),
    ).toContain('Unknown measure SUMMONED');
  });
});

describe('the fast procedure (快速办理)', () => {
  const ARRIVED = T0 + HOUR;
  const arrived = () => run(opened(), [record('SUMMONED', ARRIVED, { arrivedAt: ARRIVED })]);

  it.each<[Partial<FastProcedureFacts>, string[]]>([
    [{}, []],
    [{ admitsFacts: false }, ['not admitsFacts (违法嫌疑人对违法事实和性质没有异议：否)']],
    [
      { hearingRequired: true, personBlindDeafMuteMinorOrMentallyIll: true },
      [
        'personBlindDeafMuteMinorOrMentallyIll (违法嫌疑人系盲、聋、哑人、未成年人或者疑似精神病人)',
        'hearingRequired (依法应当适用听证程序)',
      ],
    ],
  ])('with %j does not fit for %j', (change, misfits) => {
    expect(fastProcedureMisfits({ ...FITS, ...change })).toEqual(misfits);
  });

  it('runs 48 hours from the arrival, and ends when converted to the normal procedure', () => {
    expect(
      refusalOf(opened(), action('CHOOSE_FAST_PROCEDURE', ARRIVED, { fastProcedureFacts: FITS })),
    ).toContain('record it first (MEASURE SUMMONED with arrivedAt)');
    expect(
      refusalOf(
        arrived(),
        action('CHOOSE_FAST_PROCEDURE', ARRIVED + HOUR, {
          fastProcedureFacts: { ...FITS, detentionOverTenDaysPossible: true },
        }),
      ),
    ).toContain('does not fit: detentionOverTenDaysPossible');
    const fast = run(arrived(), [
      action('CHOOSE_FAST_PROCEDURE', ARRIVED + 2 * HOUR, { fastProcedureFacts: FITS }),
    ]);
    expect(fast.procedure).toBe('FAST');
    expect(clock(fast, 'FAST_ADMIN_DECISION')).toMatchObject({
      openedAt: ARRIVED,
      dueAt: ARRIVED + 48 * HOUR,
      scope: 'CASE',
    });
    const converted = run(fast, [
      action('CONVERT_TO_NORMAL_PROCEDURE', ARRIVED + 5 * HOUR, {
        reason: '当事人对违法事实提出异议',
      }),
    ]);
    expect(converted.procedure).toBe('NORMAL');
    expect(clock(converted, 'FAST_ADMIN_DECISION')).toBeUndefined();
    expect(clock(converted, 'ADMIN_CASE')).toBeDefined();
    expect(
      refusalOf(
        converted,
        action('CHOOSE_FAST_PROCEDURE', ARRIVED + 6 * HOUR, { fastProcedureFacts: FITS }),
      ),
    ).toContain('does not return to the fast one');
  });

  it('ends with the penalty decided, which is then served within 2 days', () => {
    const reviewed = run(arrived(), [
      record('QUESTIONING_ENDED', ARRIVED + HOUR),
      action('CHOOSE_FAST_PROCEDURE', ARRIVED + HOUR, { fastProcedureFacts: FITS }),
      action('SUBMIT_FOR_LEGAL_REVIEW', ARRIVED + 2 * HOUR),
      action('APPROVE_LEGAL_REVIEW', ARRIVED + 3 * HOUR, {}, 'LEGAL_OFFICER'),
    ]);
    // Before the decision no 2-day clock runs: it runs from the decision.
    expect(clock(reviewed, 'PENALTY_SERVICE')).toBeUndefined();
    const decidedAt = ARRIVED + 5 * HOUR;
    const decided = run(reviewed, [
      action('DECIDE_PENALTY', ARRIVED + 4 * HOUR, {
        penalty: '罚款二百元',
        penaltyKind: 'FINE',
        fineYuan: 200,
      }),
      approve('UNIT_LEADER', 1, decidedAt),
    ]);
    expect(decided.stage).toBe('PENALTY_SERVICE');
    expect(clock(decided, 'FAST_ADMIN_DECISION')).toBeUndefined();
    expect(clock(decided, 'ADMIN_CASE')).toBeUndefined();
    expect(clock(decided, 'PENALTY_SERVICE')!.openedAt).toBe(decidedAt);
    const served = run(decided, [action('SERVE_PENALTY_DECISION', decidedAt + 10 * MINUTE)]);
    expect(served.stage).toBe('CLOSED');
    expect(served.clocks.map((c) => c.policyCode)).toEqual([]);
  });
});

describe('the 30 days of a public-order case', () => {
  const extend = (role: Role): CaseCommand => ({
    type: 'EXTEND',
    actor: actor(role),
    at: T0 + HOUR,
    taskId: 'case-1:ADMIN_CASE:1',
    by: { length: 30, unit: 'DAYS' },
    reason: '案情复杂',
  });
  const propose = (length: number): CaseCommand => ({
    type: 'PROPOSE_EXTENSION',
    actor: actor('HANDLER'),
    at: T0 + HOUR,
    taskId: 'case-1:ADMIN_CASE:1',
    by: { length, unit: 'DAYS' },
    reason: '需鉴定伤情，案情复杂',
  });

  it('are extended on the handler’s proposal, approved by the bureau leader, 30 days at a time', () => {
    expect(refusalOf(opened(), extend('BUREAU_LEADER'))).toContain(
      'the handler proposes it (PROPOSE_EXTENSION)',
    );
    expect(refusalOf(opened(), propose(31))).toContain('may add at most 30 days');
    const due = clock(opened(), 'ADMIN_CASE')!.dueAt;
    const extended = run(opened(), [propose(30), approve('BUREAU_LEADER', 1, T0 + 2 * HOUR)]);
    expect(clock(extended, 'ADMIN_CASE')!.dueAt).toBe(due + 30 * 24 * HOUR);
  });

  it('were extended by the bureau leader on its escalation before the procedure', () => {
    expect(refusalOf(opened('ADMINISTRATIVE', BEFORE), extend('BUREAU_LEADER'), BEFORE)).toBe(
      undefined,
    );
  });
});

describe('mediation (治安调解)', () => {
  it('closes the case, ending its clocks', () => {
    const closed = run(opened(), [
      action('CLOSE_BY_MEDIATION', T0 + 2 * HOUR, {
        reason: '双方达成调解协议，赔偿医药费八百元，已履行',
      }),
    ]);
    expect([closed.stage, closed.clocks]).toEqual(['CLOSED', []]);
    expect(refusalOf(opened(), action('CLOSE_BY_MEDIATION', T0 + HOUR))).toContain(
      'requires the field "reason"',
    );
  });
});

describe('the penalty before the procedure', () => {
  it('is decided and served in one action, and the procedure’s own actions are refused', () => {
    const reviewed = run(
      opened('ADMINISTRATIVE', BEFORE),
      [
        action('SUBMIT_FOR_LEGAL_REVIEW', T0 + HOUR),
        action('APPROVE_LEGAL_REVIEW', T0 + 2 * HOUR, {}, 'LEGAL_OFFICER'),
      ],
      BEFORE,
    );
    expect(clock(reviewed, 'PENALTY_SERVICE')).toBeDefined();
    expect(
      refusalOf(reviewed, action('DECIDE_PENALTY', T0 + 3 * HOUR, { penalty: '警告' }), BEFORE),
    ).toContain('decide and serve the penalty with SERVE_PENALTY_DECISION');
    const served = run(
      reviewed,
      [
        action('SERVE_PENALTY_DECISION', T0 + 3 * HOUR, {
          penalty: '警告',
          penaltyKind: 'WARNING',
        }),
        approve('UNIT_LEADER', 1, T0 + 4 * HOUR),
      ],
      BEFORE,
    );
    expect(served.stage).toBe('CLOSED');
  });
});
