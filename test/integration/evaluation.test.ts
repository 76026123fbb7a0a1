// 全案考评 end to end: cases and alarms driven through the API, the worker, Temporal and
// PostgreSQL, then the figures GET /evaluation returns for them. The world is this file's own, so
// every figure is exact. The deadlines a story lets run out are shortened to seconds (and the
// same-day disposal of alarms to half an hour, so that a run just before midnight cannot see it
// pass); every other deadline runs at its legal length and is met.
import { approveProposals, caller, person, testWorld } from '../support/api';
import { eventually, startTestApp, type TestApp } from '../support/app';
import { eligibleFacts } from '../support/cases';
import { signedPleaAgreement } from '../support/fixtures';
import type { Json } from '../support/http';

const world = testWorld();
/** A squad under station A: its work counts in A's figures. */
const squad = `${world.unitA}.zaz`;

/** The filing review (立案审查) here: a reminder at 9 s, overdue at 12 s, bureau level at 18 s. */
const FILING_REVIEW_MS = 12_000;
const FILING_GRACE_MS = 6_000;
const EXTENSION = { length: 2, unit: 'MINUTES' as const };
const seconds = (ms: number) => ({ length: ms / 1000, unit: 'SECONDS' as const });
const HOUR_MS = 3_600_000;

let app: TestApp;
let call: ReturnType<typeof caller>;
const t: Record<string, string> = {};

async function ok(method: 'GET' | 'POST', path: string, token: string, body?: unknown) {
  const reply = await call(method, path, { token, body });
  if (reply.status >= 300)
    throw new Error(`${method} ${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body as Json;
}

const act = (caseId: string, token: string, action: string, fields: Json = {}) =>
  ok('POST', `/cases/${caseId}/actions`, token, { action, fields });

/** An action the leaders approve (审批): proposed by the handler, approved by each approver. */
async function decided(caseId: string, token: string, action: string, fields: Json = {}) {
  await act(caseId, token, action, fields);
  return approveProposals(call, caseId, {
    HANDLER: token,
    LEGAL_OFFICER: t.legal!,
    BUREAU_LEADER: t.bureau!,
  });
}

/** A case's audit events, oldest first (read by the bureau, who sees every unit's cases). */
const timeline = async (caseId: string): Promise<Json[]> =>
  (await ok('GET', `/cases/${caseId}/timeline`, t.bureau!)).items;

/** The time of the one event `action` in a timeline. */
function timeOf(events: Json[], action: string): number {
  const found = events.filter((e) => e.action === action);
  if (found.length !== 1) throw new Error(`expected one ${action}, found ${found.length}`);
  return Date.parse(found[0].at);
}

/** The escalations (and extensions) in a timeline, as `ACTION STEP`. */
const escalationTrail = (events: Json[]) =>
  events
    .filter((e) => e.action.startsWith('ESCALATION_') || e.action === 'DEADLINE_EXTENDED')
    .map((e) => `${e.action} ${String(e.data?.taskId).split(':')[1]}`);

const escalated = (caseId: string, level: string, step: string) =>
  eventually(
    () => timeline(caseId),
    (events) => escalationTrail(events).includes(`ESCALATION_${level} ${step}`),
    60_000,
  );

async function registerAlarm(token: string, alarm: Json): Promise<string> {
  const created = await ok('POST', '/alarms', token, {
    source: 'CALL_110',
    category: 'CRIME',
    responseTier: 2,
    ...alarm,
  });
  await eventually(
    () => call('GET', `/alarms/${created.id}`, { token }),
    (r) => r.status === 200 && r.body.state.recorded === true,
  );
  return created.id;
}

/** An alarm of `unitId`, attended and converted into a criminal case, now in FILING_REVIEW. */
async function openCase(token: string, unitId: string, handlerId: string, title: string) {
  const alarmId = await registerAlarm(token, { unitId, summary: title });
  await ok('POST', `/alarms/${alarmId}/arrival`, token);
  const disposed = await ok('POST', `/alarms/${alarmId}/disposition`, token, {
    disposition: 'CONVERTED_TO_CASE',
    newCase: { kind: 'CRIMINAL', title, handlerId },
  });
  const caseId = disposed.state.disposition.caseId as string;
  await eventually(
    () => call('GET', `/cases/${caseId}`, { token }),
    (r) => r.status === 200,
  );
  return caseId;
}

/** Filed at once, then the fast-track path to the judgment; optionally one return (退回补充侦查). */
async function fastTrackToJudgment(caseId: string, handler: string, withReturn: boolean) {
  await decided(caseId, handler, 'FILE');
  await act(caseId, handler, 'SUBMIT_FOR_LEGAL_REVIEW');
  await act(caseId, t.legal!, 'APPROVE_LEGAL_REVIEW');
  await decided(caseId, handler, 'TRANSFER_FOR_PROSECUTION', {
    suggestedRoute: 'FAST_TRACK',
    fastTrackFacts: eligibleFacts,
    prosecutionOrg: world.procuratorate,
  });
  const accept = { route: 'FAST_TRACK', fastTrackFacts: eligibleFacts, ...signedPleaAgreement };
  await act(caseId, t.prosecutor!, 'PROSECUTION_ACCEPT', accept);
  if (withReturn) {
    await act(caseId, t.prosecutor!, 'RETURN_FOR_SUPPLEMENTARY_INVESTIGATION', {
      reason: '被害人陈述与监控记录不一致，需补充调取',
    });
    await act(caseId, handler, 'RESUBMIT_AFTER_SUPPLEMENTARY_INVESTIGATION');
    await act(caseId, t.prosecutor!, 'PROSECUTION_ACCEPT', accept);
  }
  await act(caseId, t.prosecutor!, 'INDICT', {
    sentencingProposal: '有期徒刑一年六个月',
    courtOrg: world.court,
  });
  await act(caseId, t.judge!, 'COURT_ACCEPT');
  await act(caseId, t.judge!, 'PRONOUNCE_JUDGMENT', { judgment: '判处有期徒刑一年六个月' });
}

/** The cases of the scenario, by their story. */
const cases = {
  /** Fast-track, in A, judged and archived. */
  plain: '',
  /** Fast-track with one return, in the squad under A, judged (opened after `plain` was judged). */
  returned: '',
  /** Filing review left to pass both leader levels, then filed. */
  late: '',
  /** Filing review extended by A's leader in answer to the first level, then filed. */
  extended: '',
  /** Not filed; the complainant applied for reconsideration, whose decision is left overdue. */
  reconsidering: '',
  /** Not filed; the complainant's 7 days ran out (the PARTY's step) and the case was closed. */
  windowEnded: '',
  /** Station B's case, filed at once. */
  sibling: '',
};
let from = 0;
let to = 0;
/** A's alarms left open (tier 1 and tier 3). */
const openAlarms: string[] = [];
let extendedDueAt = 0;

const evaluation = (token: string, query: { unit?: string; from: number; to: number }) =>
  call(
    'GET',
    `/evaluation?${new URLSearchParams({
      ...(query.unit ? { unit: query.unit } : {}),
      from: new Date(query.from).toISOString(),
      to: new Date(query.to).toISOString(),
    })}`,
    { token },
  );

async function figures(token: string, query: { unit?: string; from: number; to: number }) {
  const reply = await evaluation(token, query);
  if (reply.status !== 200) throw new Error(`${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body as Json;
}

/** Steps' figures without their labels, for exact comparison. */
const stepFigures = (steps: Json[]) =>
  steps.map((s: Json) => ({
    step: s.policy.code,
    completed: s.completed,
    onTime: s.onTime,
    late: s.late,
    rate: s.rate,
    overdue: s.overdue,
  }));

const noEscalations = { REMINDER: 0, FIRST_LEVEL: 0, SECOND_LEVEL: 0 };

beforeAll(async () => {
  from = Date.now();
  to = from + 10 * 60_000;
  app = await startTestApp({
    withWorker: true,
    policyOverrides: {
      FILING_REVIEW: {
        period: seconds(FILING_REVIEW_MS),
        grace: seconds(FILING_GRACE_MS),
        extensionUpTo: { length: 5, unit: 'MINUTES' },
      },
      // Their graces stay a day: only the reminder and the first level fire in the test.
      RECONSIDERATION_APPLICATION: { period: seconds(8_000) },
      RECONSIDERATION_DECISION: { period: seconds(10_000) },
      ALARM_DISPOSAL: { period: { length: 30, unit: 'MINUTES' } },
    },
  });
  call = caller(app);
  t.handlerA = await app.token(person('HANDLER', { unit: world.unitA }, 'officer-li'));
  t.handlerSquad = await app.token(person('HANDLER', { unit: squad }, 'officer-ma'));
  t.handlerB = await app.token(person('HANDLER', { unit: world.unitB }, 'officer-he'));
  t.legal = await app.token(person('LEGAL_OFFICER', { unit: world.root }, 'legal-wang'));
  t.leaderA = await app.token(person('UNIT_LEADER', { unit: world.unitA }, 'leader-zhao'));
  t.leaderB = await app.token(person('UNIT_LEADER', { unit: world.unitB }, 'leader-qian'));
  t.bureau = await app.token(person('BUREAU_LEADER', { unit: world.root }, 'bureau-sun'));
  t.prosecutor = await app.token(person('PROSECUTOR', { org: world.procuratorate }, 'jcg-chen'));
  t.judge = await app.token(person('JUDGE', { org: world.court }, 'judge-sun'));
  t.center = await app.token(person('CASE_CENTER', { unit: world.root }, 'center-zhou'));
  const handlerA = t.handlerA;

  const fastTrack = async () => {
    cases.plain = await openCase(handlerA, world.unitA, 'officer-li', '电动车被盗案');
    await fastTrackToJudgment(cases.plain, handlerA, false);
    await act(cases.plain, t.center!, 'ARCHIVE');
    cases.returned = await openCase(t.handlerSquad!, squad, 'officer-ma', '手机被盗案');
    await fastTrackToJudgment(cases.returned, t.handlerSquad!, true);
  };

  const late = async () => {
    cases.late = await openCase(handlerA, world.unitA, 'officer-li', '超市货架商品被盗案');
    await escalated(cases.late, 'SECOND_LEVEL', 'FILING_REVIEW');
    await decided(cases.late, handlerA, 'FILE');
  };

  const extended = async () => {
    cases.extended = await openCase(handlerA, world.unitA, 'officer-li', '仓库电缆被盗案');
    const escalation = `${cases.extended}:FILING_REVIEW:1:FIRST_LEVEL`;
    // The leader answers the 超期督办 from their inbox, within the grace before the bureau level.
    await eventually(
      () => ok('GET', '/me/escalations', t.leaderA!),
      (inbox) => inbox.items.some((e: Json) => e.id === escalation),
      60_000,
    );
    const answered = await ok('POST', `/escalations/${escalation}/decision`, t.leaderA!, {
      decision: 'EXTEND',
      by: EXTENSION,
      reason: '需核查线索来源，延长立案审查',
    });
    extendedDueAt = Date.parse(
      answered.case.deadlines.find((d: Json) => d.taskId === `${cases.extended}:FILING_REVIEW:1`)
        .dueAt,
    );
    await decided(cases.extended, handlerA, 'FILE');
  };

  const notFiled = async (title: string) => {
    const caseId = await openCase(handlerA, world.unitA, 'officer-li', title);
    await decided(caseId, handlerA, 'DECLINE_FILING', {
      reason: '没有犯罪事实',
      hasComplainant: true,
    });
    await act(caseId, handlerA, 'SERVE_NON_FILING_NOTICE');
    return caseId;
  };

  const reconsidering = async () => {
    cases.reconsidering = await notFiled('自行车丢失报案');
    await act(cases.reconsidering, t.center!, 'APPLY_FOR_RECONSIDERATION', {
      reason: '报案人不服不予立案决定',
    });
    await escalated(cases.reconsidering, 'FIRST_LEVEL', 'RECONSIDERATION_DECISION');
  };

  const windowEnded = async () => {
    cases.windowEnded = await notFiled('快递包裹丢失报案');
    // What the case centre is offered follows the window: apply within it, close after it.
    const offered = async () =>
      (await ok('GET', `/cases/${cases.windowEnded}`, t.center!)).availableActions;
    expect(await offered()).toEqual(['APPLY_FOR_RECONSIDERATION']);
    await escalated(cases.windowEnded, 'FIRST_LEVEL', 'RECONSIDERATION_APPLICATION');
    expect(await offered()).toEqual(['CLOSE_NOT_FILED']);
    await act(cases.windowEnded, t.center!, 'CLOSE_NOT_FILED');
  };

  const otherAlarms = async () => {
    // Reported before the period and disposed of within it: disposed, not received, in it.
    const earlier = await registerAlarm(handlerA, {
      unitId: world.unitA,
      category: 'DISPUTE',
      responseTier: 3,
      summary: '邻里噪音纠纷（补录）',
      reportedAt: new Date(from - 30 * 60_000).toISOString(),
    });
    await ok('POST', `/alarms/${earlier}/disposition`, handlerA, {
      disposition: 'RESOLVED_ON_SCENE',
      reason: '双方调解达成一致',
    });
    openAlarms.push(
      await registerAlarm(handlerA, {
        unitId: world.unitA,
        responseTier: 1,
        summary: '有人持刀威胁',
      }),
      await registerAlarm(handlerA, {
        unitId: world.unitA,
        category: 'ASSISTANCE',
        responseTier: 3,
        summary: '老人走失求助',
      }),
    );
    cases.sibling = await openCase(t.handlerB!, world.unitB, 'officer-he', '车内财物被盗案');
    await decided(cases.sibling, t.handlerB!, 'FILE');
  };

  await Promise.all([
    fastTrack(),
    late(),
    extended(),
    reconsidering(),
    windowEnded(),
    otherAlarms(),
  ]);
});

afterAll(async () => {
  // The workflows still open would only wait on timers: end them with the test.
  const open = [cases.late, cases.extended, cases.reconsidering, cases.returned, cases.sibling];
  const end = (id: string) =>
    app.client.workflow
      .getHandle(id)
      .terminate('test done')
      .catch(() => undefined);
  if (app) await Promise.all([...open, ...openAlarms].filter(Boolean).map(end));
  await app?.close();
});

describe('the scenario', () => {
  it('ran as planned: escalations only where a story let a deadline run out', async () => {
    expect(escalationTrail(await timeline(cases.late))).toEqual([
      'ESCALATION_REMINDER FILING_REVIEW',
      'ESCALATION_FIRST_LEVEL FILING_REVIEW',
      'ESCALATION_SECOND_LEVEL FILING_REVIEW',
    ]);
    const extended = await timeline(cases.extended);
    expect(escalationTrail(extended)).toEqual([
      'ESCALATION_REMINDER FILING_REVIEW',
      'ESCALATION_FIRST_LEVEL FILING_REVIEW',
      'DEADLINE_EXTENDED FILING_REVIEW',
      'ESCALATION_DECIDED FILING_REVIEW',
    ]);
    expect(escalationTrail(await timeline(cases.reconsidering))).toEqual([
      'ESCALATION_REMINDER RECONSIDERATION_DECISION',
      'ESCALATION_FIRST_LEVEL RECONSIDERATION_DECISION',
    ]);
    expect(escalationTrail(await timeline(cases.windowEnded))).toEqual([
      'ESCALATION_REMINDER RECONSIDERATION_APPLICATION',
      'ESCALATION_FIRST_LEVEL RECONSIDERATION_APPLICATION',
    ]);
    for (const caseId of [cases.plain, cases.returned, cases.sibling])
      expect(escalationTrail(await timeline(caseId))).toEqual([]);

    const acceptedAt = timeOf(extended, 'CASE_ACCEPTED');
    expect(extendedDueAt).toBe(acceptedAt + FILING_REVIEW_MS + 2 * 60_000);
    // Filed after the original deadline, within the extended one.
    expect(timeOf(extended, 'FILE')).toBeGreaterThan(acceptedAt + FILING_REVIEW_MS);
    expect(timeOf(extended, 'FILE')).toBeLessThan(extendedDueAt);
    const late = await timeline(cases.late);
    expect(timeOf(late, 'FILE')).toBeGreaterThan(
      timeOf(late, 'CASE_ACCEPTED') + FILING_REVIEW_MS + FILING_GRACE_MS,
    );
    expect((await ok('GET', `/cases/${cases.plain}`, t.leaderA!)).stage.code).toBe('ARCHIVED');
    expect((await ok('GET', `/cases/${cases.windowEnded}`, t.leaderA!)).stage.code).toBe('CLOSED');
  });
});

describe("GET /evaluation: station A's figures (with the squad under it)", () => {
  let a: Json;
  beforeAll(async () => {
    a = await figures(t.leaderA!, { unit: world.unitA, from, to });
  });

  it('names the unit and the period', () => {
    expect(a.unit).toBe(world.unitA);
    expect(a.period).toEqual({ from, to });
  });

  it('counts the six cases accepted and the three closed, whatever the outcome, not B’s', () => {
    expect(a.cases).toEqual({ opened: 6, closed: 3 });
  });

  it('gives each step its completions, on time and late, in the order of the policy table', () => {
    expect(stepFigures(a.steps)).toEqual([
      // Four on time; late: the one left to run out, and the one extended once it had run out
      // (filed within the extension, but overdue first). Overdue: those two.
      { step: 'FILING_REVIEW', completed: 6, onTime: 4, late: 2, rate: 4 / 6, overdue: 2 },
      { step: 'NON_FILING_NOTICE', completed: 2, onTime: 2, late: 0, rate: 1, overdue: 0 },
      // No RECONSIDERATION_APPLICATION: the complainant's window is not the unit's work, though
      // one ran out (overdue, closed after it) and one ended with the application.
      // Overdue and still open: listed, with no rate.
      {
        step: 'RECONSIDERATION_DECISION',
        completed: 0,
        onTime: 0,
        late: 0,
        rate: null,
        overdue: 1,
      },
      { step: 'LEGAL_REVIEW', completed: 2, onTime: 2, late: 0, rate: 1, overdue: 0 },
      // The returned case's review ran twice: ended by the return and by the indictment.
      {
        step: 'PROSECUTION_REVIEW_FAST_TRACK',
        completed: 3,
        onTime: 3,
        late: 0,
        rate: 1,
        overdue: 0,
      },
      {
        step: 'SUPPLEMENTARY_INVESTIGATION',
        completed: 1,
        onTime: 1,
        late: 0,
        rate: 1,
        overdue: 0,
      },
      { step: 'FAST_TRACK_TRIAL', completed: 2, onTime: 2, late: 0, rate: 1, overdue: 0 },
      // 审批: four filings, two transfers, and the two steps of each of the two non-filings.
      { step: 'APPROVAL', completed: 10, onTime: 10, late: 0, rate: 1, overdue: 0 },
    ]);
    const owners = Object.fromEntries(a.steps.map((s: Json) => [s.policy.code, s.owner.code]));
    expect(owners).toEqual({
      FILING_REVIEW: 'HANDLER',
      NON_FILING_NOTICE: 'HANDLER',
      RECONSIDERATION_DECISION: 'LEGAL_OFFICER',
      LEGAL_REVIEW: 'LEGAL_OFFICER',
      PROSECUTION_REVIEW_FAST_TRACK: 'PROSECUTOR',
      SUPPLEMENTARY_INVESTIGATION: 'HANDLER',
      FAST_TRACK_TRIAL: 'JUDGE',
      APPROVAL: 'BUREAU_LEADER',
    });
    expect(a.steps[0].policy).toEqual({ code: 'FILING_REVIEW', label: '刑事立案审查' });
  });

  it('counts the overdue steps (超期): two completed late, the extended one included; one open', () => {
    expect(a.overdueSteps).toEqual({ count: 3, open: 1, completedLate: 2 });
  });

  it("counts every rung that fired on the unit's steps, none of the complainant's window", () => {
    expect(a.escalations).toEqual({ REMINDER: 3, FIRST_LEVEL: 3, SECOND_LEVEL: 1 });
  });

  it('counts the extension and the return for supplementary investigation', () => {
    expect(a.extensions).toBe(1);
    expect(a.supplementaryReturns).toBe(1);
  });

  it("gives the fast-track durations each agency's time from the cases' own timelines", async () => {
    const plain = await timeline(cases.plain);
    const returned = await timeline(cases.returned);
    const at = timeOf;
    const spent = {
      plain: {
        police: at(plain, 'TRANSFER_FOR_PROSECUTION') - at(plain, 'CASE_ACCEPTED'),
        procuratorate: at(plain, 'INDICT') - at(plain, 'TRANSFER_FOR_PROSECUTION'),
        court: at(plain, 'PRONOUNCE_JUDGMENT') - at(plain, 'INDICT'),
      },
      // The return hands the case back to the police until it is sent again.
      returned: {
        police:
          at(returned, 'TRANSFER_FOR_PROSECUTION') -
          at(returned, 'CASE_ACCEPTED') +
          (at(returned, 'RESUBMIT_AFTER_SUPPLEMENTARY_INVESTIGATION') -
            at(returned, 'RETURN_FOR_SUPPLEMENTARY_INVESTIGATION')),
        procuratorate:
          at(returned, 'RETURN_FOR_SUPPLEMENTARY_INVESTIGATION') -
          at(returned, 'TRANSFER_FOR_PROSECUTION') +
          (at(returned, 'INDICT') - at(returned, 'RESUBMIT_AFTER_SUPPLEMENTARY_INVESTIGATION')),
        court: at(returned, 'PRONOUNCE_JUDGMENT') - at(returned, 'INDICT'),
      },
    };
    // Each positive, the three adding up to acceptance → judgment.
    for (const [events, times] of [
      [plain, spent.plain],
      [returned, spent.returned],
    ] as const) {
      expect(times.police + times.procuratorate + times.court).toBe(
        at(events, 'PRONOUNCE_JUDGMENT') - at(events, 'CASE_ACCEPTED'),
      );
      for (const ms of Object.values(times)) expect(ms).toBeGreaterThan(0);
    }
    expect(a.fastTrack.cases).toBe(2);
    expect(a.fastTrack.converted).toBe(0);
    for (const agency of ['police', 'procuratorate', 'court'] as const) {
      const hours = [spent.plain[agency] / HOUR_MS, spent.returned[agency] / HOUR_MS];
      const figure = a.fastTrack[agency];
      expect(figure.count).toBe(2);
      // To a few microseconds: a millisecond off would fail.
      expect(figure.meanHours).toBeCloseTo((hours[0]! + hours[1]!) / 2, 9);
      expect(figure.maxHours).toBeCloseTo(Math.max(...hours), 9);
    }
  });

  it('counts the alarms reported and disposed of in the period, and their steps', () => {
    // Reported: the six converted into cases and the two left open. Disposed of: the six and the
    // one reported before the period. Station B's alarm in neither.
    expect(a.alarms.received).toBe(8);
    expect(a.alarms.disposed).toBe(7);
    expect(stepFigures(a.alarms.steps)).toEqual([
      { step: 'ALARM_ARRIVAL_TIER_2', completed: 6, onTime: 6, late: 0, rate: 1, overdue: 0 },
      // Disposed of without an arrival: the disposition completes the arrival step too.
      { step: 'ALARM_ARRIVAL_TIER_3', completed: 1, onTime: 1, late: 0, rate: 1, overdue: 0 },
      { step: 'ALARM_DISPOSAL', completed: 7, onTime: 7, late: 0, rate: 1, overdue: 0 },
    ]);
    expect(a.alarms.overdueSteps).toEqual({ count: 0, open: 0, completedLate: 0 });
    expect(a.alarms.escalations).toEqual(noEscalations);
  });
});

describe('GET /evaluation: scope', () => {
  it("gives the bureau station A's figures and station B's together", async () => {
    const root = await figures(t.bureau!, { unit: world.root, from, to });
    expect(root.unit).toBe(world.root);
    expect(root.cases).toEqual({ opened: 7, closed: 3 });
    expect(stepFigures(root.steps)[0]).toEqual({
      step: 'FILING_REVIEW',
      completed: 7,
      onTime: 5,
      late: 2,
      rate: 5 / 7,
      overdue: 2,
    });
    expect(root.overdueSteps).toEqual({ count: 3, open: 1, completedLate: 2 });
    expect(root.escalations).toEqual({ REMINDER: 3, FIRST_LEVEL: 3, SECOND_LEVEL: 1 });
    expect(root.extensions).toBe(1);
    expect(root.supplementaryReturns).toBe(1);
    expect(root.fastTrack.cases).toBe(2);
    expect(root.alarms.received).toBe(9);
    expect(root.alarms.disposed).toBe(8);
    expect(stepFigures(root.alarms.steps)[0]).toMatchObject({
      step: 'ALARM_ARRIVAL_TIER_2',
      completed: 7,
    });
  });

  it("gives B's leader B's figures only, and refuses them A's", async () => {
    const b = await figures(t.leaderB!, { from, to });
    expect(b.unit).toBe(world.unitB);
    expect(b.cases).toEqual({ opened: 1, closed: 0 });
    expect(stepFigures(b.steps)).toEqual([
      { step: 'FILING_REVIEW', completed: 1, onTime: 1, late: 0, rate: 1, overdue: 0 },
      { step: 'APPROVAL', completed: 1, onTime: 1, late: 0, rate: 1, overdue: 0 },
    ]);
    expect(b.overdueSteps).toEqual({ count: 0, open: 0, completedLate: 0 });
    expect(b.escalations).toEqual(noEscalations);
    expect(b.extensions).toBe(0);
    expect(b.supplementaryReturns).toBe(0);
    expect(b.fastTrack.cases).toBe(0);
    expect(b.alarms.received).toBe(1);
    expect(b.alarms.disposed).toBe(1);

    const refused = await evaluation(t.leaderB!, { unit: world.unitA, from, to });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe(`Unit ${world.unitA} is outside your scope.`);
  });

  it('gives a handler no figures: they are for those who oversee', async () => {
    expect((await evaluation(t.handlerA!, { from, to })).status).toBe(403);
  });
});

describe('GET /evaluation: the period is half-open, [from, to)', () => {
  it('counts, in the hour before the scenario, only the alarm reported then', async () => {
    const before = await figures(t.leaderA!, { unit: world.unitA, from: from - HOUR_MS, to: from });
    expect(before.cases).toEqual({ opened: 0, closed: 0 });
    expect(before.steps).toEqual([]);
    expect(before.escalations).toEqual(noEscalations);
    expect(before.alarms.received).toBe(1);
    expect(before.alarms.disposed).toBe(0);
    expect(before.alarms.steps).toEqual([]);
  });

  it('counts an overdue step in the period it went overdue, not the one its extension reaches', async () => {
    // From just after the extended case's first level: its 超期 belongs to the period before,
    // though its extended due time falls in this one.
    const firstLevelAt = (events: Json[]) => timeOf(events, 'ESCALATION_FIRST_LEVEL');
    const boundary = firstLevelAt(await timeline(cases.extended)) + 1;
    const others = [
      firstLevelAt(await timeline(cases.late)),
      firstLevelAt(await timeline(cases.reconsidering)),
    ];
    const later = await figures(t.leaderA!, { unit: world.unitA, from: boundary, to });
    expect(later.overdueSteps.count).toBe(others.filter((at) => at >= boundary).length);
    const earlier = await figures(t.leaderA!, { unit: world.unitA, from, to: boundary });
    expect(earlier.overdueSteps.count + later.overdueSteps.count).toBe(3);
  });

  it('puts a judgment at the boundary in the period that starts there', async () => {
    const judged = timeOf(await timeline(cases.plain), 'PRONOUNCE_JUDGMENT');
    const acceptedAt = await Promise.all(
      Object.values(cases)
        .filter((id) => id !== cases.sibling)
        .map(async (id) => timeOf(await timeline(id), 'CASE_ACCEPTED')),
    );
    const openedBefore = acceptedAt.filter((at) => at < judged).length;
    // The case closed without a judgment: before or after the boundary, as the stories ran.
    const windowClosedBefore =
      timeOf(await timeline(cases.windowEnded), 'CLOSE_NOT_FILED') < judged ? 1 : 0;
    const inA = (period: { from: number; to: number }) =>
      figures(t.leaderA!, { unit: world.unitA, ...period });

    const until = await inA({ from, to: judged });
    expect(until.cases).toEqual({ opened: openedBefore, closed: windowClosedBefore });
    expect(until.fastTrack.cases).toBe(0);
    expect(until.fastTrack.police.count).toBe(0);

    const through = await inA({ from, to: judged + 1 });
    expect(through.cases).toEqual({ opened: openedBefore, closed: windowClosedBefore + 1 });
    expect(through.fastTrack.cases).toBe(1);
    expect(through.fastTrack.court.count).toBe(1);

    // From the judgment on: both judgments count, with durations reaching back before the period.
    const after = await inA({ from: judged, to });
    expect(after.cases).toEqual({ opened: 6 - openedBefore, closed: 3 - windowClosedBefore });
    expect(after.fastTrack).toEqual((await inA({ from, to })).fastTrack);
  });
});
