// 全案考评: a unit's figures for a period, computed from the records the workflows write (cases,
// tasks, escalations, audit events, alarms). A unit's figures include the units below it
// (domain/units.ts). The period is half-open, [from, to), in epoch ms: an event exactly at `to`
// belongs to the next period, so consecutive months never count anything twice.
//
// Every figure below says which rows it counts. The caller may pass more rows than count (other
// units, other times): this module filters them itself, so the figures do not depend on how
// narrowly the rows were read.
import { DEADLINE_POLICIES, isPolicyCode } from './deadline-policies';
import type { EscalationLevel } from './escalation';
import type { Labelled } from './labels';
import { CASE_ACTIONS } from './lifecycle';
import { MATTER_KINDS, OUTCOMES, type MatterKind, type Outcome } from './litigation';
import { ROLES, type Role } from './roles';
import { unitWithin } from './units';

export interface EvaluationPeriod {
  /** Inclusive, epoch ms. */
  from: number;
  /** Exclusive, epoch ms. */
  to: number;
}

/** A row of `cases`. */
export interface CaseRecord {
  id: string;
  unitId: string;
  /** FAST_TRACK or ORDINARY once sent for prosecution. */
  route: string | null;
  acceptedAt: number;
  closedAt: number | null;
}

/** A row of `tasks`: one instance of a deadline policy, of a case or of an alarm. */
export interface TaskRecord {
  id: string;
  caseId: string | null;
  alarmId: string | null;
  /** The information request (政府信息公开申请) it belongs to, if any. */
  infoRequestId?: string | null;
  /** The reconsideration or lawsuit (行政复议/行政诉讼) it belongs to, if any. */
  litigationMatterId?: string | null;
  /** The deadline policy's code. */
  step: string;
  unitId: string;
  /** The due time in force (moved by extensions and pauses). */
  dueAt: number;
  completedAt: number | null;
  /** Set when the first leader level fired at the deadline (超期). */
  overdue: boolean;
}

/** A row of `escalations`. */
export interface EscalationRecord {
  taskId: string;
  level: EscalationLevel;
  firedAt: number;
}

/** An audit event of a case (subject type CASE). */
export interface CaseEventRecord {
  caseId: string;
  action: string;
  occurredAt: number;
}

/** A row of `alarms`. */
export interface AlarmRecord {
  id: string;
  unitId: string;
  reportedAt: number;
  disposedAt: number | null;
}

/** A row of `info_requests`. */
export interface InfoRequestRecord {
  id: string;
  unitId: string;
  receivedAt: number;
  /** The answer's due time in force (or the one it was answered against); null when no answer is
   * owed now (awaiting a correction, abandoned, withdrawn). */
  answerDueAt: number | null;
  answeredAt: number | null;
}

/** A row of `litigation_matters`: a reconsideration or a lawsuit against the bureau. */
export interface MatterRecord {
  id: string;
  unitId: string;
  kind: MatterKind;
  copyReceivedAt: number;
  /** The reply's or defence's due time in force, or the one it was submitted against. */
  answerDueAt: number | null;
  answeredAt: number | null;
  hearings: ReadonlyArray<{ hearingAt: number; leaderAppeared: boolean }>;
  outcome: Outcome | null;
  decidedAt: number | null;
  carriedOutAt: number | null;
}

export interface EvaluationRecords {
  /** The cases the other rows refer to: an event whose case is missing here is not counted. */
  cases: CaseRecord[];
  /** The tasks the escalations refer to: an escalation whose task is missing is not counted. */
  tasks: TaskRecord[];
  /** The rungs fired in the period, and the first level of every task given, whenever it fired
   * (it dates the task's 超期). */
  escalations: EscalationRecord[];
  /**
   * Each event once: the unit's events of PERIOD_ACTIONS within the period, and the trail
   * (FAST_TRACK_TRAIL_ACTIONS) of its fast-track cases judged within it, whenever it happened.
   */
  events: CaseEventRecord[];
  alarms: AlarmRecord[];
  /** The information requests received in the period or whose answer fell due in it. */
  infoRequests?: InfoRequestRecord[];
  /** The reconsiderations and lawsuits open at any time within the period. */
  litigation?: MatterRecord[];
}

/** The on-time figures of one deadline policy (one step, 环节). */
export interface StepFigures {
  policy: Labelled;
  /** Whose work the step is: the unit's, or the procuratorate's or court's on the unit's cases. */
  owner?: Labelled<Role>;
  /** Tasks completed within the period. */
  completed: number;
  /** Of those, completed at or before their due time and never overdue. */
  onTime: number;
  /** Of those, completed after their due time, or after they went overdue (an extension granted
   * once the deadline had passed does not make a step on time). */
  late: number;
  /** onTime / completed; null when none was completed. */
  rate: number | null;
  /** Tasks of this policy counted in `overdueSteps`. */
  overdue: number;
}

/** 超期: tasks that went overdue within the period (their first leader level fired in it). */
export interface OverdueFigures {
  count: number;
  /** Not completed before the period's end. */
  open: number;
  /** Completed before the period's end (after their original due time). */
  completedLate: number;
}

export type EscalationCounts = Record<EscalationLevel, number>;

export interface AgencyDurations {
  /** Cases whose trail gives this agency's time. */
  count: number;
  meanHours: number | null;
  maxHours: number | null;
}

/** 刑事速裁: how long each agency held the fast-track cases judged in the period. */
export interface FastTrackFigures {
  /** Cases on the FAST_TRACK route judged within the period, in fast-track procedure. */
  cases: number;
  /** Cases on the FAST_TRACK route judged within the period after the court converted the
   * procedure (simplified or ordinary): not fast-track trials, so not in the durations. */
  converted: number;
  police: AgencyDurations;
  procuratorate: AgencyDurations;
  court: AgencyDurations;
}

export interface AlarmFigures {
  /** Alarms whose report time falls within the period. */
  received: number;
  /** Alarms disposed of within the period. */
  disposed: number;
  /** Arrival (by response tier) and same-day disposal (日清日结), as for cases' steps. */
  steps: StepFigures[];
  overdueSteps: OverdueFigures;
  escalations: EscalationCounts;
}

/** Answers due within a period: on time (at or before the due time), late, or not yet. */
export interface DueFigures {
  due: number;
  onTime: number;
  late: number;
  unanswered: number;
  rate: number | null;
}

/** 政府信息公开: the bureau's answers to information requests. */
export interface InfoRequestFigures {
  /** Requests received (收到申请) within the period. */
  received: number;
  /**
   * 答复按期率: the requests whose answer fell due within the period (its due time in force), and
   * of those how many were answered at or before it, after it, or not yet.
   */
  answers: DueFigures;
  /** The answer, the correction review and the third party's opinion, as for cases' steps. */
  steps: StepFigures[];
  overdueSteps: OverdueFigures;
  escalations: EscalationCounts;
}

/** 行政复议/行政诉讼: how the bureau answered the challenges to its decisions. */
export interface LitigationFigures {
  /** Matters whose copy reached the bureau within the period, by kind. */
  received: Record<MatterKind, number> & { total: number };
  /** 答复（答辩）按期率: the replies and defences due within the period, as the answer rate counts. */
  answers: DueFigures;
  /** 负责人出庭应诉率: court sessions within the period, and those the responsible leader attended. */
  hearings: { held: number; leaderAppeared: number; rate: number | null };
  /**
   * Outcomes recorded within the period, per outcome; those against the bureau (撤销, 变更,
   * 确认违法/无效, 责令履行), and of those how many were carried out (履行) by the period's end.
   */
  outcomes: {
    decided: number;
    byOutcome: Array<{ outcome: Labelled; count: number }>;
    against: number;
    carriedOut: number;
    notCarriedOut: number;
  };
  /** The reply and the defence, as for cases' steps. */
  steps: StepFigures[];
  overdueSteps: OverdueFigures;
  escalations: EscalationCounts;
}

export interface Evaluation {
  unit: string;
  period: EvaluationPeriod;
  cases: {
    /** Cases accepted (受案) within the period. */
    opened: number;
    /** Cases closed (结案) within the period, whatever the outcome. */
    closed: number;
  };
  /** Per deadline policy of the unit's cases, in the order of the policy table: those with a task
   * completed in the period or counted overdue in it. */
  steps: StepFigures[];
  overdueSteps: OverdueFigures;
  /** Escalation rungs fired within the period on the unit's case tasks. */
  escalations: EscalationCounts;
  /** Deadline extensions (延长) granted within the period on the unit's cases. */
  extensions: number;
  /** Returns for supplementary investigation (退回补充侦查) within the period. */
  supplementaryReturns: number;
  fastTrack: FastTrackFigures;
  alarms: AlarmFigures;
  infoRequests: InfoRequestFigures;
  litigation: LitigationFigures;
}

/** The audit action the case workflow records when a leader extends a deadline. */
export const DEADLINE_EXTENDED = 'DEADLINE_EXTENDED';

/**
 * Who holds a case between two events of its trail: the police until it is sent for
 * prosecution, the procuratorate until it indicts, the court until the judgment. A return for
 * supplementary investigation (补充侦查) hands the case back to the police until it is sent
 * again, so the three times add up to the time from acceptance to judgment.
 */
const HANDOVERS = {
  [CASE_ACTIONS.TRANSFER_FOR_PROSECUTION.code]: { from: 'police', to: 'procuratorate' },
  [CASE_ACTIONS.RETURN_FOR_SUPPLEMENTARY_INVESTIGATION.code]: {
    from: 'procuratorate',
    to: 'police',
  },
  [CASE_ACTIONS.RESUBMIT_AFTER_SUPPLEMENTARY_INVESTIGATION.code]: {
    from: 'police',
    to: 'procuratorate',
  },
  [CASE_ACTIONS.INDICT.code]: { from: 'procuratorate', to: 'court' },
  [CASE_ACTIONS.PRONOUNCE_JUDGMENT.code]: { from: 'court', to: undefined },
} as const satisfies Record<string, { from: Agency; to: Agency | undefined }>;

type Agency = 'police' | 'procuratorate' | 'court';

/** The audit actions counted in the period (extensions, returns, judgments). */
export const PERIOD_ACTIONS: readonly string[] = [
  DEADLINE_EXTENDED,
  CASE_ACTIONS.RETURN_FOR_SUPPLEMENTARY_INVESTIGATION.code,
  CASE_ACTIONS.PRONOUNCE_JUDGMENT.code,
];

/** The audit actions of a fast-track case's trail: its handovers and a conversion in court. */
export const FAST_TRACK_TRAIL_ACTIONS: readonly string[] = [
  ...Object.keys(HANDOVERS),
  CASE_ACTIONS.CONVERT_PROCEDURE.code,
];

const HOUR_MS = 3_600_000;
const POLICY_ORDER: readonly string[] = Object.keys(DEADLINE_POLICIES);

const within = (period: EvaluationPeriod, at: number | null): at is number =>
  at !== null && at >= period.from && at < period.to;

/** The policy's owner, if the code is one of the table's. */
function ownerOf(step: string): Role | undefined {
  return isPolicyCode(step) ? DEADLINE_POLICIES[step].owner : undefined;
}

/**
 * Whether a task measures the unit's handling. A step owned by the PARTY is the complainant's
 * window (申请复议期限): it normally runs out, which fires its first level and marks it overdue,
 * and the case cannot be closed before; counting it would mark every such case late.
 */
const evaluated = (task: TaskRecord) => ownerOf(task.step) !== 'PARTY';

function labelled(step: string): Pick<StepFigures, 'policy' | 'owner'> {
  if (!isPolicyCode(step)) return { policy: { code: step, label: step } };
  const policy = DEADLINE_POLICIES[step];
  return {
    policy: { code: step, label: policy.label },
    owner: { code: policy.owner, label: ROLES[policy.owner] },
  };
}

/**
 * Per policy: a task is completed in the period when its completion time falls in it, and on
 * time when it was completed at or before its due time in force (an extension or pause approved
 * before the deadline moves it) and never went overdue. Overdue: the task went overdue in the
 * period, dated by its first-level rung (or, without that row, by its due time); it is open if it
 * was not completed before the period's end. Each task goes overdue once, so consecutive periods
 * never count it twice, even when an extension moves its due time into the next one.
 */
function stepFigures(
  tasks: readonly TaskRecord[],
  escalations: readonly EscalationRecord[],
  period: EvaluationPeriod,
): { steps: StepFigures[]; overdueSteps: OverdueFigures } {
  const wentOverdueAt = new Map(
    escalations.filter((e) => e.level === 'FIRST_LEVEL').map((e) => [e.taskId, e.firedAt]),
  );
  const byPolicy = new Map<string, StepFigures>();
  const figuresOf = (step: string) => {
    let figures = byPolicy.get(step);
    if (!figures) {
      figures = { ...labelled(step), completed: 0, onTime: 0, late: 0, rate: null, overdue: 0 };
      byPolicy.set(step, figures);
    }
    return figures;
  };
  const overdueSteps: OverdueFigures = { count: 0, open: 0, completedLate: 0 };
  for (const task of tasks) {
    if (within(period, task.completedAt)) {
      const figures = figuresOf(task.step);
      figures.completed += 1;
      if (task.completedAt <= task.dueAt && !task.overdue) figures.onTime += 1;
      else figures.late += 1;
    }
    if (task.overdue && within(period, wentOverdueAt.get(task.id) ?? task.dueAt)) {
      figuresOf(task.step).overdue += 1;
      overdueSteps.count += 1;
      if (task.completedAt !== null && task.completedAt < period.to)
        overdueSteps.completedLate += 1;
      else overdueSteps.open += 1;
    }
  }
  const rank = (code: string) => {
    const index = POLICY_ORDER.indexOf(code);
    return index === -1 ? POLICY_ORDER.length : index;
  };
  const steps = [...byPolicy.values()]
    .map((s) => ({ ...s, rate: s.completed === 0 ? null : s.onTime / s.completed }))
    .sort(
      (a, b) =>
        rank(a.policy.code) - rank(b.policy.code) || a.policy.code.localeCompare(b.policy.code),
    );
  return { steps, overdueSteps };
}

/** Rungs fired within the period on the given tasks. */
function escalationCounts(
  escalations: readonly EscalationRecord[],
  tasks: readonly TaskRecord[],
  period: EvaluationPeriod,
): EscalationCounts {
  const ids = new Set(tasks.map((t) => t.id));
  const counts: EscalationCounts = { REMINDER: 0, FIRST_LEVEL: 0, SECOND_LEVEL: 0 };
  for (const e of escalations) {
    if (ids.has(e.taskId) && within(period, e.firedAt)) counts[e.level] += 1;
  }
  return counts;
}

/**
 * Each agency's time on one case, from acceptance to the judgment, or undefined when the trail
 * does not run from the police to a judgment through the expected handovers.
 */
function agencyTimes(
  acceptedAt: number,
  trail: readonly CaseEventRecord[],
): Record<Agency, number> | undefined {
  const spent: Record<Agency, number> = { police: 0, procuratorate: 0, court: 0 };
  let holder: Agency = 'police';
  let since = acceptedAt;
  for (const event of trail) {
    if (!Object.hasOwn(HANDOVERS, event.action)) continue;
    const handover = HANDOVERS[event.action as keyof typeof HANDOVERS];
    if (handover.from !== holder) return undefined;
    spent[holder] += event.occurredAt - since;
    if (handover.to === undefined) return spent;
    holder = handover.to;
    since = event.occurredAt;
  }
  return undefined;
}

function durations(hours: readonly number[]): AgencyDurations {
  if (hours.length === 0) return { count: 0, meanHours: null, maxHours: null };
  return {
    count: hours.length,
    meanHours: hours.reduce((sum, h) => sum + h, 0) / hours.length,
    maxHours: Math.max(...hours),
  };
}

/**
 * Fast-track cases: route FAST_TRACK and a judgment (PRONOUNCE_JUDGMENT) within the period. A case
 * the court converted to another procedure counts as `converted` only. The police hold a case
 * from acceptance to its transfer for prosecution and during each supplementary investigation
 * (return to resubmission); the procuratorate from each transfer or resubmission to the next
 * return or the indictment (waiting for its acceptance included); the court from the indictment
 * to the judgment (waiting for its acceptance included).
 */
function fastTrackFigures(
  cases: ReadonlyMap<string, CaseRecord>,
  events: readonly CaseEventRecord[],
  period: EvaluationPeriod,
): FastTrackFigures {
  const trails = new Map<string, CaseEventRecord[]>();
  for (const event of events) {
    const trail = trails.get(event.caseId) ?? [];
    trail.push(event);
    trails.set(event.caseId, trail);
  }
  const hours: Record<Agency, number[]> = { police: [], procuratorate: [], court: [] };
  let judged = 0;
  let converted = 0;
  for (const [caseId, unsorted] of trails) {
    const record = cases.get(caseId);
    if (record?.route !== 'FAST_TRACK') continue;
    // Stable: events at the same instant keep the order they were read in.
    const trail = [...unsorted].sort((a, b) => a.occurredAt - b.occurredAt);
    const judgment = trail.find((e) => e.action === CASE_ACTIONS.PRONOUNCE_JUDGMENT.code);
    if (!judgment || !within(period, judgment.occurredAt)) continue;
    if (trail.some((e) => e.action === CASE_ACTIONS.CONVERT_PROCEDURE.code)) {
      converted += 1;
      continue;
    }
    judged += 1;
    const spent = agencyTimes(record.acceptedAt, trail);
    if (!spent) continue;
    for (const agency of ['police', 'procuratorate', 'court'] as const)
      hours[agency].push(spent[agency] / HOUR_MS);
  }
  return {
    cases: judged,
    converted,
    police: durations(hours.police),
    procuratorate: durations(hours.procuratorate),
    court: durations(hours.court),
  };
}

/** The figures of `unit` (and the units below it) for `period`, from the records. */
export function evaluate(
  unit: string,
  period: EvaluationPeriod,
  records: EvaluationRecords,
): Evaluation {
  const cases = new Map(
    records.cases.filter((c) => unitWithin(c.unitId, unit)).map((c) => [c.id, c]),
  );
  const inScope = records.tasks.filter((t) => unitWithin(t.unitId, unit) && evaluated(t));
  const caseTasks = inScope.filter((t) => t.caseId !== null);
  const alarmTasks = inScope.filter((t) => t.caseId === null && t.alarmId !== null);
  const infoTasks = inScope.filter((t) => !!t.infoRequestId);
  const matterTasks = inScope.filter((t) => !!t.litigationMatterId);
  const infoSteps = stepFigures(infoTasks, records.escalations, period);
  const requests = (records.infoRequests ?? []).filter((r) => unitWithin(r.unitId, unit));
  const periodEvents = (action: string) =>
    records.events.filter(
      (e) => e.action === action && cases.has(e.caseId) && within(period, e.occurredAt),
    ).length;
  const alarms = records.alarms.filter((a) => unitWithin(a.unitId, unit));
  const alarmSteps = stepFigures(alarmTasks, records.escalations, period);
  return {
    unit,
    period: { from: period.from, to: period.to },
    cases: {
      opened: [...cases.values()].filter((c) => within(period, c.acceptedAt)).length,
      closed: [...cases.values()].filter((c) => within(period, c.closedAt)).length,
    },
    ...stepFigures(caseTasks, records.escalations, period),
    escalations: escalationCounts(records.escalations, caseTasks, period),
    extensions: periodEvents(DEADLINE_EXTENDED),
    supplementaryReturns: periodEvents(CASE_ACTIONS.RETURN_FOR_SUPPLEMENTARY_INVESTIGATION.code),
    fastTrack: fastTrackFigures(cases, records.events, period),
    alarms: {
      received: alarms.filter((a) => within(period, a.reportedAt)).length,
      disposed: alarms.filter((a) => within(period, a.disposedAt)).length,
      steps: alarmSteps.steps,
      overdueSteps: alarmSteps.overdueSteps,
      escalations: escalationCounts(records.escalations, alarmTasks, period),
    },
    infoRequests: {
      received: requests.filter((r) => within(period, r.receivedAt)).length,
      answers: answerRate(requests, period),
      steps: infoSteps.steps,
      overdueSteps: infoSteps.overdueSteps,
      escalations: escalationCounts(records.escalations, infoTasks, period),
    },
    litigation: {
      ...litigationFigures(
        (records.litigation ?? []).filter((m) => unitWithin(m.unitId, unit)),
        period,
      ),
      ...stepFigures(matterTasks, records.escalations, period),
      escalations: escalationCounts(records.escalations, matterTasks, period),
    },
  };
}

/** 答复按期率: answered on time over the answers due within the period. */
function answerRate(
  requests: ReadonlyArray<{ answerDueAt: number | null; answeredAt: number | null }>,
  period: EvaluationPeriod,
): DueFigures {
  const due = requests.filter((r) => within(period, r.answerDueAt));
  const onTime = due.filter((r) => r.answeredAt !== null && r.answeredAt <= r.answerDueAt!).length;
  const late = due.filter((r) => r.answeredAt !== null && r.answeredAt > r.answerDueAt!).length;
  return {
    due: due.length,
    onTime,
    late,
    unanswered: due.length - onTime - late,
    rate: due.length === 0 ? null : onTime / due.length,
  };
}

const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole);

function litigationFigures(
  matters: readonly MatterRecord[],
  period: EvaluationPeriod,
): Omit<LitigationFigures, 'steps' | 'overdueSteps' | 'escalations'> {
  const received = matters.filter((m) => within(period, m.copyReceivedAt));
  const hearings = matters.flatMap((m) => m.hearings).filter((h) => within(period, h.hearingAt));
  const leaderAppeared = hearings.filter((h) => h.leaderAppeared).length;
  const decided = matters.filter((m) => m.outcome !== null && within(period, m.decidedAt));
  const against = decided.filter((m) => OUTCOMES[m.outcome!].against);
  const carriedOut = against.filter((m) => m.carriedOutAt !== null && m.carriedOutAt < period.to);
  const counts = new Map<Outcome, number>();
  for (const m of decided) counts.set(m.outcome!, (counts.get(m.outcome!) ?? 0) + 1);
  return {
    received: {
      total: received.length,
      ...(Object.fromEntries(
        Object.keys(MATTER_KINDS).map((kind) => [
          kind,
          received.filter((m) => m.kind === kind).length,
        ]),
      ) as Record<MatterKind, number>),
    },
    answers: answerRate(matters, period),
    hearings: {
      held: hearings.length,
      leaderAppeared,
      rate: rate(leaderAppeared, hearings.length),
    },
    outcomes: {
      decided: decided.length,
      byOutcome: (Object.keys(OUTCOMES) as Outcome[])
        .filter((code) => counts.has(code))
        .map((code) => ({
          outcome: { code, label: OUTCOMES[code].label },
          count: counts.get(code)!,
        })),
      against: against.length,
      carriedOut: carriedOut.length,
      notCarriedOut: against.length - carriedOut.length,
    },
  };
}
