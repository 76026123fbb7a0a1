// 审批 as tables: which decisions need whose approval, the penalty a police station may decide,
// the caps on extending the time to request arrest approval, and, through the decider, a proposal
// approved step by step, refused and proposed again, withdrawn, or lapsed.
import {
  actionApproval,
  approvalChain,
  arrestExtensionRefusal,
  custodyRequestLateness,
  LEGAL_OFFICE_FIRST,
  STATION_FINE_LIMIT_YUAN,
  type ApprovalCode,
} from '../../../domain/approvals';
import {
  decide,
  openCase,
  type CaseCommand,
  type CaseModel,
  type CaseSettings,
  type NewCase,
} from '../../../domain/case-decider';
import { resolvePolicy, type Period } from '../../../domain/deadline-policies';
import type { ActionFields, CaseKind } from '../../../domain/lifecycle';
import type { Role } from '../../../domain/roles';

const T0 = Date.parse('2026-03-04T09:15:00+08:00');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const days = (length: number): Period => ({ length, unit: 'DAYS' });

const APPROVALS: CaseSettings = { lawCorrections: true, criminalClocks: true, approvals: true };
const BEFORE: CaseSettings = { lawCorrections: true, criminalClocks: true };

const actor = (role: Role) => ({ id: `${role.toLowerCase()}-1`, role });

function newCase(kind: CaseKind): NewCase {
  return {
    caseId: 'case-1',
    kind,
    unitId: 'pcs-chengguan',
    handlerId: 'officer-7',
    title: kind === 'CRIMINAL' ? '盗窃电动车案' : '殴打他人案',
    queryCode: 'AB12CD34',
    acceptedAt: T0,
    acceptedBy: actor('HANDLER'),
  };
}

const action = (name: string, at = T0 + HOUR, fields: ActionFields = {}): CaseCommand => ({
  type: 'ACTION',
  action: name,
  actor: actor(name === 'APPROVE_LEGAL_REVIEW' ? 'LEGAL_OFFICER' : 'HANDLER'),
  at,
  fields,
});
const approve = (role: Role, n = 1, at = T0 + 2 * HOUR): CaseCommand => ({
  type: 'APPROVE',
  actor: actor(role),
  at,
  proposalId: `case-1:PROPOSAL:${n}`,
});
const refuse = (role: Role, reason: string, n = 1): CaseCommand => ({
  type: 'REFUSE',
  actor: actor(role),
  at: T0 + 2 * HOUR,
  proposalId: `case-1:PROPOSAL:${n}`,
  reason,
});
const measure = (event: string, at = T0 + HOUR, extra: object = {}): CaseCommand => ({
  type: 'MEASURE',
  actor: actor(event === 'APPROVE_ARREST' ? 'PROSECUTOR' : 'HANDLER'),
  at,
  event,
  ...extra,
});
const proposeExtension = (
  taskId: string,
  by: Period,
  extra: { ground?: string; at?: number } = {},
): CaseCommand => ({
  type: 'PROPOSE_EXTENSION',
  actor: actor('HANDLER'),
  at: extra.at ?? T0 + 2 * HOUR,
  taskId,
  by,
  reason: '案情复杂，需进一步查证',
  ...(extra.ground ? { ground: extra.ground } : {}),
});

function run(state: CaseModel, commands: CaseCommand[], settings = APPROVALS) {
  let effects: unknown[] = [];
  for (const command of commands) {
    const decision = decide(state, command, settings);
    if (!decision.ok) throw new Error(`${JSON.stringify(command)} refused: ${decision.reason}`);
    if (decision.duplicate) throw new Error('unexpected duplicate');
    state = decision.state;
    effects = decision.effects;
  }
  return { state, effects };
}

const refusalOf = (state: CaseModel, command: CaseCommand, settings = APPROVALS) => {
  const decision = decide(state, command, settings);
  return decision.ok ? undefined : decision.reason;
};

const opened = (kind: CaseKind = 'CRIMINAL', settings = APPROVALS) =>
  openCase(newCase(kind), settings).state;

/** The audit actions of the last step. */
const audits = (effects: unknown[]) =>
  (effects as Array<{ type: string; action?: string }>)
    .filter((e) => e.type === 'AUDIT')
    .map((e) => e.action);

const openClocks = (state: CaseModel) =>
  state.clocks.map((c) => `${c.taskId.replace('case-1:', '')} ${c.ownerRole}`);

describe('who approves which decision', () => {
  it.each<[ApprovalCode, Role[]]>([
    ['FILE', ['BUREAU_LEADER']],
    ['DECLINE_FILING', ['LEGAL_OFFICER', 'BUREAU_LEADER']],
    ['TRANSFER_FOR_PROSECUTION', ['BUREAU_LEADER']],
    ['PENALTY_BY_STATION', ['UNIT_LEADER']],
    ['PENALTY_BY_BUREAU', ['BUREAU_LEADER']],
    ['ARREST_REQUEST_EXTENSION', ['BUREAU_LEADER']],
    ['CUSTODY_EXTENSION_REQUEST', ['LEGAL_OFFICER', 'BUREAU_LEADER', 'PROSECUTOR']],
    ['ALARM_TRANSFER', ['BUREAU_LEADER']],
    ['ADMIN_CASE_EXTENSION', ['BUREAU_LEADER']],
  ])('%s is decided by %j', (code, chain) => {
    expect(approvalChain(code)).toEqual(chain);
    expect(chain[0] === 'LEGAL_OFFICER').toBe(LEGAL_OFFICE_FIRST.includes(code));
  });

  it.each<[string, ActionFields, object]>([
    ['FILE', {}, { approval: 'FILE' }],
    ['SUBMIT_FOR_LEGAL_REVIEW', {}, {}],
    ['DECIDE_PENALTY', { penaltyKind: 'WARNING' }, { approval: 'PENALTY_BY_STATION' }],
    [
      'DECIDE_PENALTY',
      { penaltyKind: 'FINE', fineYuan: STATION_FINE_LIMIT_YUAN },
      { approval: 'PENALTY_BY_STATION' },
    ],
    [
      'DECIDE_PENALTY',
      { penaltyKind: 'FINE', fineYuan: STATION_FINE_LIMIT_YUAN + 1 },
      { approval: 'PENALTY_BY_BUREAU' },
    ],
    ['DECIDE_PENALTY', { penaltyKind: 'ADMIN_DETENTION' }, { approval: 'PENALTY_BY_BUREAU' }],
    [
      'DECIDE_PENALTY',
      { penaltyKind: 'WARNING', fineYuan: 200 },
      { approval: 'PENALTY_BY_BUREAU' },
    ],
    [
      'DECIDE_PENALTY',
      {},
      { refusal: expect.stringContaining('send penaltyKind, one of WARNING (警告)') },
    ],
    [
      'DECIDE_PENALTY',
      { penaltyKind: 'FINE' },
      { refusal: expect.stringContaining('send fineYuan') },
    ],
    [
      'DECIDE_PENALTY',
      { penaltyKind: 'FINE', fineYuan: 0 },
      { refusal: expect.stringContaining('at least 1, not 0') },
    ],
  ])('%s with %j needs %j', (code, fields, expected) => {
    expect(actionApproval(code as never, fields)).toEqual(expected);
  });

  it('has the penalty served without approval once it was decided, and decided on service before', () => {
    const warning: ActionFields = { penaltyKind: 'WARNING' };
    expect(actionApproval('SERVE_PENALTY_DECISION', warning, 'PUBLIC_ORDER')).toEqual({});
    expect(actionApproval('SERVE_PENALTY_DECISION', warning, 'CRIMINAL_CLOCKS')).toEqual({
      approval: 'PENALTY_BY_STATION',
    });
  });
});

describe('the time to request arrest approval (刑事诉讼法 Art. 91)', () => {
  const policy = resolvePolicy('ARREST_REQUEST');
  it.each<[string, Period[], Period, string | undefined, string | undefined]>([
    ['4 days in special circumstances', [], days(4), undefined, undefined],
    ['not 5 without the ground', [], days(5), undefined, 'at most 4 days in all'],
    ['to 30 days in all for a gang', [], days(27), 'GANG', undefined],
    ['no more than 30 in all', [days(4)], days(24), 'ROAMING', 'at most 27 days in all'],
    ['a second grant within the cap', [days(4)], days(23), 'REPEATED', undefined],
    ['in days only', [], { length: 2, unit: 'MONTHS' }, 'GANG', 'counted in days, not months'],
    ['a ground the law names', [], days(10), 'MAJOR', 'one of ROAMING, REPEATED, GANG'],
  ])('%s', (_, granted, requested, ground, refusal) => {
    const reason = arrestExtensionRefusal(policy, granted, requested, ground);
    if (refusal) expect(reason).toContain(refusal);
    else expect(reason).toBeUndefined();
  });
});

describe('the request to extend custody reaches the procuratorate 7 days before expiry', () => {
  const due = Date.parse('2026-05-04T00:00:00+08:00');
  it.each<[string, number, boolean]>([
    ['8 days before', due - 8 * DAY, false],
    ['exactly 7 days before', due - 7 * DAY, false],
    ['6 days before', due - 6 * DAY, true],
  ])('%s', (_, at, late) => {
    expect(custodyRequestLateness(due, at) !== undefined).toBe(late);
  });
});

describe('a proposal through the decider', () => {
  it('files a case only once the bureau leader approves, at that instant', () => {
    const proposed = run(opened(), [action('FILE')]);
    expect(proposed.state.stage).toBe('FILING_REVIEW');
    expect(audits(proposed.effects)).toEqual(['APPROVAL_PROPOSED']);
    expect(openClocks(proposed.state)).toEqual([
      'FILING_REVIEW:1 HANDLER',
      'APPROVAL:1 BUREAU_LEADER',
    ]);
    // Its step escalates to the bureau's leaders, after a reminder to the approver.
    expect(proposed.state.clocks[1]!.rungs.map((r) => `${r.level} ${r.role}`)).toEqual([
      'REMINDER BUREAU_LEADER',
      'FIRST_LEVEL BUREAU_LEADER',
    ]);
    expect(refusalOf(proposed.state, approve('UNIT_LEADER'))).toBe(
      '呈请立案 is decided at this step (1 of 1) by BUREAU_LEADER (分局领导), not UNIT_LEADER.',
    );
    expect(
      refusalOf(
        proposed.state,
        action('DECLINE_FILING', T0 + HOUR, {
          reason: '不构成犯罪',
          hasComplainant: false,
        }),
      ),
    ).toContain('呈请立案 (case-1:PROPOSAL:1) is waiting for BUREAU_LEADER');

    const approved = run(proposed.state, [approve('BUREAU_LEADER')]);
    expect(approved.state.stage).toBe('INVESTIGATION');
    expect(approved.state.proposals).toEqual([]);
    expect(audits(approved.effects)).toEqual(['APPROVAL_GRANTED', 'FILE']);
    const completed = (
      approved.effects as Array<{ type: string; taskId?: string; completedAt?: number }>
    )
      .filter((e) => e.type === 'TASK_COMPLETED')
      .map((e) => [e.taskId, e.completedAt]);
    expect(completed).toEqual([
      ['case-1:APPROVAL:1', T0 + 2 * HOUR],
      ['case-1:FILING_REVIEW:1', T0 + 2 * HOUR],
    ]);
  });

  it('lets a refused proposal be proposed again, and its new step waits anew', () => {
    const proposed = run(opened(), [action('FILE')]).state;
    expect(refusalOf(proposed, refuse('BUREAU_LEADER', ' '))).toBe('A refusal requires a reason.');
    const refused = run(proposed, [refuse('BUREAU_LEADER', '证据不足，补充查证后再报')]);
    expect(refused.state.stage).toBe('FILING_REVIEW');
    expect(refused.state.proposals).toEqual([]);
    expect(audits(refused.effects)).toEqual(['APPROVAL_REFUSED']);
    const again = run(refused.state, [action('FILE', T0 + 3 * HOUR)]).state;
    expect(again.proposals!.map((p) => p.proposalId)).toEqual(['case-1:PROPOSAL:2']);
    expect(openClocks(again)).toContain('APPROVAL:2 BUREAU_LEADER');
    expect(run(again, [approve('BUREAU_LEADER', 2, T0 + 4 * HOUR)]).state.stage).toBe(
      'INVESTIGATION',
    );
  });

  it('passes the legal office first where the bureau says so, then the leader', () => {
    const proposed = run(opened(), [
      action('DECLINE_FILING', T0 + HOUR, { reason: '不构成犯罪', hasComplainant: true }),
    ]).state;
    expect(refusalOf(proposed, approve('BUREAU_LEADER'))).toContain(
      'at this step (1 of 2) by LEGAL_OFFICER',
    );
    const reviewed = run(proposed, [approve('LEGAL_OFFICER')]);
    expect(reviewed.state.stage).toBe('FILING_REVIEW');
    expect(openClocks(reviewed.state)).toEqual([
      'FILING_REVIEW:1 HANDLER',
      'APPROVAL:2 BUREAU_LEADER',
    ]);
    const decided = run(reviewed.state, [approve('BUREAU_LEADER', 1, T0 + 3 * HOUR)]);
    expect(decided.state.stage).toBe('NOT_FILED');
  });

  it('lets the handler withdraw a proposal, and nobody else', () => {
    const proposed = run(opened(), [action('FILE')]).state;
    const withdraw = (role: Role): CaseCommand => ({
      type: 'WITHDRAW',
      actor: actor(role),
      at: T0 + 2 * HOUR,
      proposalId: 'case-1:PROPOSAL:1',
    });
    expect(refusalOf(proposed, withdraw('UNIT_LEADER'))).toContain('withdrawn by HANDLER');
    const withdrawn = run(proposed, [withdraw('HANDLER')]);
    expect(withdrawn.state.proposals).toEqual([]);
    expect(openClocks(withdrawn.state)).toEqual(['FILING_REVIEW:1 HANDLER']);
    expect(refusalOf(withdrawn.state, approve('BUREAU_LEADER'))).toBe(
      'No proposal case-1:PROPOSAL:1 is waiting for a decision on this case.',
    );
  });

  it('has a warning decided by the station, a detention by the bureau', () => {
    const reviewed = run(opened('ADMINISTRATIVE'), [
      action('SUBMIT_FOR_LEGAL_REVIEW'),
      action('APPROVE_LEGAL_REVIEW'),
    ]).state;
    const serve = (fields: ActionFields) =>
      action('SERVE_PENALTY_DECISION', T0 + HOUR, { penalty: '处罚', ...fields });
    const warned = run(reviewed, [serve({ penaltyKind: 'WARNING' }), approve('UNIT_LEADER')]);
    expect(warned.state.stage).toBe('CLOSED');
    const detained = run(reviewed, [serve({ penaltyKind: 'ADMIN_DETENTION' })]).state;
    expect(refusalOf(detained, approve('UNIT_LEADER'))).toContain('by BUREAU_LEADER');
    expect(run(detained, [approve('BUREAU_LEADER')]).state.stage).toBe('CLOSED');
  });

  it('extends the time to request arrest approval on an approved proposal, never directly', () => {
    const detained = run(opened(), [measure('DETAIN')]).state;
    const task = 'case-1:ARREST_REQUEST:1';
    const dueBefore = detained.clocks.find((c) => c.taskId === task)!.dueAt;
    expect(refusalOf(detained, proposeExtension(task, days(5)))).toContain('at most 4 days in all');
    expect(
      refusalOf(detained, {
        type: 'EXTEND',
        actor: actor('BUREAU_LEADER'),
        at: T0 + 2 * HOUR,
        taskId: task,
        by: days(4),
        reason: '特殊情况',
      }),
    ).toContain('the handler proposes it (PROPOSE_EXTENSION)');
    const extended = run(detained, [
      proposeExtension(task, days(27), { ground: 'GANG' }),
      approve('BUREAU_LEADER'),
    ]);
    expect(extended.state.clocks.find((c) => c.taskId === task)!.dueAt).toBe(dueBefore + 27 * DAY);
    expect(audits(extended.effects)).toEqual(['APPROVAL_GRANTED', 'DEADLINE_EXTENDED']);
    // Before approvals, the unit's leader extended it directly.
    const before = run(opened('CRIMINAL', BEFORE), [measure('DETAIN')], BEFORE).state;
    expect(
      refusalOf(
        before,
        {
          type: 'EXTEND',
          actor: actor('UNIT_LEADER'),
          at: T0 + 2 * HOUR,
          taskId: task,
          by: days(4),
          reason: '特殊情况',
        },
        BEFORE,
      ),
    ).toBeUndefined();
  });

  it('lets an extension proposal lapse when its deadline ends', () => {
    const proposed = run(opened(), [
      measure('DETAIN'),
      proposeExtension('case-1:ARREST_REQUEST:1', days(2)),
    ]).state;
    const requested = run(proposed, [
      measure('REQUEST_ARREST', T0 + 3 * HOUR, { prosecutionOrg: 'jcy-1' }),
    ]);
    expect(requested.state.proposals).toEqual([]);
    expect(audits(requested.effects)).toEqual(['MEASURE_REQUEST_ARREST', 'APPROVAL_LAPSED']);
    expect(openClocks(requested.state)).not.toContain('APPROVAL:1 BUREAU_LEADER');
  });

  it('sends the custody request through the legal office and the leader to the procuratorate, in time', () => {
    const arrestedAt = T0 + HOUR;
    const arrested = run(opened(), [
      measure('DETAIN', T0),
      measure('REQUEST_ARREST', T0, { prosecutionOrg: 'jcy-1' }),
      measure('APPROVE_ARREST', arrestedAt),
    ]).state;
    const custody = arrested.clocks.find((c) => c.policyCode === 'CUSTODY_INVESTIGATION')!;
    const month = { length: 1, unit: 'MONTHS' } as const;
    // Too late: within the last 7 days.
    expect(
      refusalOf(arrested, proposeExtension(custody.taskId, month, { at: custody.dueAt - 6 * DAY })),
    ).toContain('must reach the procuratorate 7 days before the custody expires');
    const at = custody.dueAt - 10 * DAY;
    const proposed = run(arrested, [
      proposeExtension(custody.taskId, month, { at }),
      approve('LEGAL_OFFICER', 1, at + HOUR),
      approve('BUREAU_LEADER', 1, at + 2 * HOUR),
    ]).state;
    // The procuratorate's step escalates to its own role, never to the police's leaders.
    const step = proposed.clocks.find((c) => c.policyCode === 'APPROVAL')!;
    expect([step.ownerRole, step.rungs.map((r) => r.role)]).toEqual([
      'PROSECUTOR',
      ['PROSECUTOR', 'PROSECUTOR'],
    ]);
    const decided = run(proposed, [approve('PROSECUTOR', 1, at + 3 * HOUR)]).state;
    expect(decided.clocks.find((c) => c.taskId === custody.taskId)!.extensions).toEqual([month]);
  });

  it('takes decisions directly in runs decided before approvals', () => {
    const filed = run(opened('CRIMINAL', BEFORE), [action('FILE')], BEFORE);
    expect(filed.state.stage).toBe('INVESTIGATION');
    expect(filed.state.proposals).toBeUndefined();
  });
});
