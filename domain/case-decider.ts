// The case engine's rules as one pure function: decide(state, command) → the next state and the
// effects to record, or a refusal that says which rule failed. Every transition — which clocks
// close, open, move or fire, which facts change, who may do it — is decided here; the workflow
// runs the effects in one transaction and only then adopts the new state.
import type { Actor } from './alarm';
import {
  caseWideDeadline,
  endsCaseWideDeadline,
  stageDeadline,
  type DeadlineContext,
  type StepSpec,
} from './case-deadlines';
import { checkMeasure, IN_CUSTODY, type MeasureState } from './coercive-measures';
import {
  resolvePolicy,
  type DeadlinePolicy,
  type Period,
  type PolicyCode,
  type PolicyOverrides,
} from './deadline-policies';
import { computeDeadline, pauseRefusal, type Explanation } from './deadlines';
import {
  acknowledgeRefusal,
  escalationLadder,
  extensionRefusal,
  orderRefusal,
  reassignRefusal,
  type EscalationLevel,
  type EscalationRung,
} from './escalation';
import { assessFastTrack } from './fast-track';
import {
  CASE_ACTIONS,
  checkAction,
  initialStage,
  type ActionFields,
  type CaseActionCode,
  type CaseFacts,
  type CaseKind,
  type CaseStage,
} from './lifecycle';
import type { Role } from './roles';

/** How many applied request ids a case remembers (across continue-as-new): a retry acts once. */
export const REMEMBERED_REQUESTS = 100;

export type ClockScope = 'STAGE' | 'CASE' | 'MEASURE';

export interface Pause {
  from: number;
  to: number;
  reason: string;
}

/** One open deadline (期限) of the case with its escalation ladder. */
export interface Clock {
  taskId: string;
  step: string;
  policyCode: PolicyCode;
  scope: ClockScope;
  ownerRole: Role;
  openedAt: number;
  dueAt: number;
  rungs: EscalationRung[];
  fired: EscalationLevel[];
  variant?: string;
  custody?: boolean;
  extensions: Period[];
  pauses: Pause[];
}

/** An escalation that fired: whom it went to, and whether they have answered it. */
export interface FiredEscalation {
  taskId: string;
  level: EscalationLevel;
  role: Role;
  acknowledged: boolean;
}

export interface NewCase {
  caseId: string;
  kind: CaseKind;
  unitId: string;
  handlerId: string;
  title: string;
  /** The code on the party's receipt (回执) for the public status lookup. */
  queryCode: string;
  alarmId?: string;
  /** When the case was accepted, stamped by the API: the clocks start here. */
  acceptedAt: number;
  acceptedBy: Actor;
  /** Shortened deadlines for tests and drills; absent in production. */
  policyOverrides?: PolicyOverrides;
  /** Continue as new after this many history events even if the server has not suggested it (tests). */
  continueAsNewAfterEvents?: number;
}

/** Everything the rules need to know about a case: small, so a worker can hold many. */
export interface CaseModel {
  caseId: string;
  kind: CaseKind;
  unitId: string;
  handlerId: string;
  title: string;
  queryCode: string;
  alarmId?: string;
  acceptedAt: number;
  stage: CaseStage;
  route?: 'FAST_TRACK' | 'ORDINARY';
  sentenceVariant?: string;
  prosecutionOrg?: string;
  courtOrg?: string;
  supplementaryReturns: number;
  prosecutionAccepted: boolean;
  courtAccepted: boolean;
  reconsiderationWindowEnded: boolean;
  measure: MeasureState;
  closedAt?: number;
  /** The open deadlines. */
  clocks: Clock[];
  /** How many instances of each step were opened: numbers the next one's task id. */
  stepInstances: Record<string, number>;
  escalations: FiredEscalation[];
  /** Transitions applied so far; the read model shows which version it holds. */
  version: number;
  /** Ids of requests already applied, newest last, with the version each produced. */
  applied: Array<{ requestId: string; version: number }>;
}

interface Command {
  actor: Actor;
  /** When the request arrived, stamped by the API. */
  at: number;
  /** The idempotency id of the request: a retry with the same id acts once. */
  requestId?: string;
}

export type CaseCommand =
  | (Command & { type: 'ACTION'; action: string; fields?: ActionFields })
  | (Command & { type: 'EXTEND'; taskId: string; by: Period; reason: string })
  | (Command & { type: 'PAUSE'; taskId: string; reason: string; from: number; to: number })
  | (Command & { type: 'ACKNOWLEDGE'; taskId: string; level: EscalationLevel; note?: string })
  | (Command & { type: 'REASSIGN'; handlerId: string; reason: string })
  | (Command & { type: 'ORDER'; instruction: string })
  | (Command & { type: 'MEASURE'; event: string; reason?: string });

/** The workflow's own clock reached `at`: every rung due by then fires. */
export interface RungsDue {
  type: 'RUNGS_DUE';
  at: number;
}

/** A task as the read model shows it: its due time, the explanation and the ladder. */
export interface TaskRecord {
  taskId: string;
  step: string;
  policyCode: PolicyCode;
  policyLabel: string;
  scope: ClockScope;
  ownerRole: Role;
  ownerId?: string;
  openedAt: number;
  dueAt: number;
  rungs: EscalationRung[];
  explanation: Explanation[];
  warnings: Explanation[];
  variant?: string;
  extensions: Period[];
  pauses: Pause[];
}

export type AuditData = Record<string, string | number | boolean | null>;

export type CaseEffect =
  | { type: 'TASK_OPENED'; task: TaskRecord }
  | { type: 'TASK_RESCHEDULED'; task: TaskRecord }
  | { type: 'TASK_COMPLETED'; taskId: string; completedAt: number }
  | { type: 'TASKS_REASSIGNED'; from: string; to: string }
  | {
      type: 'ESCALATION_FIRED';
      taskId: string;
      level: EscalationLevel;
      targetRole: Role;
      /** When the rung was due: the instant the step became overdue, reminded or escalated. */
      dueAt: number;
      /** Recorded only because the step was completed after the rung's due instant. */
      late: boolean;
    }
  | {
      type: 'ESCALATION_ANSWERED';
      taskId: string;
      level: EscalationLevel;
      answer: string;
      answeredAt: number;
    }
  | {
      type: 'AUDIT';
      /** Unique per event; a retried write records it once. */
      key: string;
      action: string;
      actorId: string;
      actorRole: string;
      reason?: string;
      data?: AuditData;
      at: number;
    };

export type Decision =
  | { ok: true; duplicate: false; state: CaseModel; effects: CaseEffect[] }
  /** The request was applied before (maybe in an earlier run): nothing to do. */
  | { ok: true; duplicate: true; version: number }
  | { ok: false; reason: string };

export interface CaseSettings {
  policyOverrides?: PolicyOverrides;
}

const SYSTEM = { id: 'system', role: 'SYSTEM' };

/** The facts the lifecycle's rules judge (the API derives them from the read model alike). */
export function caseFacts(state: CaseFactsSource): CaseFacts {
  return {
    kind: state.kind,
    stage: state.stage,
    route: (state.route ?? undefined) as CaseFacts['route'],
    supplementaryReturns: state.supplementaryReturns,
    prosecutionAccepted: state.prosecutionAccepted,
    courtAccepted: state.courtAccepted,
    reconsiderationWindowEnded: state.reconsiderationWindowEnded,
  };
}

/** What the facts are read from: the model, or the case's row in the read model. */
export type CaseFactsSource = Pick<
  CaseModel,
  | 'kind'
  | 'stage'
  | 'supplementaryReturns'
  | 'prosecutionAccepted'
  | 'courtAccepted'
  | 'reconsiderationWindowEnded'
> & { route?: string | null };

const deadlineContext = (state: CaseModel): DeadlineContext => ({
  ...caseFacts(state),
  sentenceVariant: state.sentenceVariant,
  inCustody: IN_CUSTODY.includes(state.measure),
});

/** Works on a copy of the state, collecting the effects of one transition. */
class Transition {
  readonly state: CaseModel;
  readonly effects: CaseEffect[] = [];
  private audits = 0;

  constructor(
    previous: CaseModel,
    private readonly settings: CaseSettings,
  ) {
    this.state = structuredCopy(previous);
    this.state.version += 1;
  }

  policy(code: PolicyCode): DeadlinePolicy {
    return resolvePolicy(code, this.settings.policyOverrides);
  }

  audit(
    actor: { id: string; role: string },
    action: string,
    at: number,
    extra: { reason?: string; data?: AuditData } = {},
  ) {
    this.effects.push({
      type: 'AUDIT',
      key: `${this.state.caseId}@${this.state.version}:${this.audits++}`,
      action,
      actorId: actor.id,
      actorRole: actor.role,
      at,
      ...(extra.reason ? { reason: extra.reason } : {}),
      ...(extra.data ? { data: extra.data } : {}),
    });
  }

  taskRecord(clock: Clock): TaskRecord {
    const policy = this.policy(clock.policyCode);
    const deadline = computeDeadline({
      policy,
      triggeredAt: clock.openedAt,
      variant: clock.variant,
      custody: clock.custody,
      extensions: clock.extensions,
      pauses: clock.pauses,
    });
    return {
      taskId: clock.taskId,
      step: clock.step,
      policyCode: clock.policyCode,
      policyLabel: policy.label,
      scope: clock.scope,
      ownerRole: clock.ownerRole,
      ...(clock.ownerRole === 'HANDLER' ? { ownerId: this.state.handlerId } : {}),
      openedAt: clock.openedAt,
      dueAt: deadline.dueAt,
      rungs: clock.rungs,
      explanation: deadline.steps,
      warnings: deadline.warnings,
      ...(clock.variant ? { variant: clock.variant } : {}),
      extensions: clock.extensions,
      pauses: clock.pauses,
    };
  }

  open(spec: StepSpec, scope: ClockScope, at: number) {
    const policy = this.policy(spec.policy);
    const instance = (this.state.stepInstances[spec.step] ?? 0) + 1;
    this.state.stepInstances[spec.step] = instance;
    const deadline = computeDeadline({
      policy,
      triggeredAt: at,
      variant: spec.variant,
      custody: spec.custody,
    });
    const clock: Clock = {
      taskId: `${this.state.caseId}:${spec.step}:${instance}`,
      step: spec.step,
      policyCode: spec.policy,
      scope,
      ownerRole: policy.owner,
      openedAt: at,
      dueAt: deadline.dueAt,
      rungs: escalationLadder(policy, at, deadline.dueAt),
      fired: [],
      ...(spec.variant ? { variant: spec.variant } : {}),
      ...(spec.custody !== undefined ? { custody: spec.custody } : {}),
      extensions: [],
      pauses: [],
    };
    this.state.clocks.push(clock);
    this.effects.push({ type: 'TASK_OPENED', task: this.taskRecord(clock) });
  }

  /** A rung fires once; at the first level the step is overdue (超期). */
  fire(clock: Clock, rung: EscalationRung, late: boolean) {
    clock.fired.push(rung.level);
    this.state.escalations.push({
      taskId: clock.taskId,
      level: rung.level,
      role: rung.role,
      acknowledged: false,
    });
    // The complainant's window has ended once its deadline passed.
    if (clock.policyCode === 'RECONSIDERATION_APPLICATION' && rung.level === 'FIRST_LEVEL')
      this.state.reconsiderationWindowEnded = true;
    this.effects.push({
      type: 'ESCALATION_FIRED',
      taskId: clock.taskId,
      level: rung.level,
      targetRole: rung.role,
      dueAt: rung.at,
      late,
    });
  }

  /** Closes the clocks `which` selects; rungs that were due before `at` still fire, late. */
  close(which: (clock: Clock) => boolean, at: number) {
    for (const clock of this.state.clocks.filter(which)) {
      for (const rung of clock.rungs)
        if (!clock.fired.includes(rung.level) && rung.at <= at) this.fire(clock, rung, true);
      this.effects.push({ type: 'TASK_COMPLETED', taskId: clock.taskId, completedAt: at });
    }
    this.state.clocks = this.state.clocks.filter((clock) => !which(clock));
  }

  /** A new due time after an extension or a pause: fired rungs stay fired; the others move. */
  recompute(clock: Clock) {
    const record = this.taskRecord(clock);
    clock.dueAt = record.dueAt;
    clock.rungs = escalationLadder(this.policy(clock.policyCode), clock.openedAt, record.dueAt);
    this.effects.push({ type: 'TASK_RESCHEDULED', task: { ...record, rungs: clock.rungs } });
    return record;
  }

  remember(requestId: string | undefined) {
    if (!requestId) return;
    this.state.applied = [...this.state.applied, { requestId, version: this.state.version }].slice(
      -REMEMBERED_REQUESTS,
    );
  }
}

function structuredCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

const refused = (reason: string): Decision => ({ ok: false, reason });

/** A new case: its row, its CASE_ACCEPTED event and the clocks that run from acceptance. */
export function openCase(
  input: NewCase,
  settings: CaseSettings,
): { state: CaseModel; effects: CaseEffect[] } {
  const empty: CaseModel = {
    caseId: input.caseId,
    kind: input.kind,
    unitId: input.unitId,
    handlerId: input.handlerId,
    title: input.title,
    queryCode: input.queryCode,
    ...(input.alarmId ? { alarmId: input.alarmId } : {}),
    acceptedAt: input.acceptedAt,
    stage: initialStage(input.kind),
    supplementaryReturns: 0,
    prosecutionAccepted: false,
    courtAccepted: false,
    reconsiderationWindowEnded: false,
    measure: 'NONE',
    clocks: [],
    stepInstances: {},
    escalations: [],
    version: 0,
    applied: [],
  };
  const t = new Transition(empty, settings);
  t.audit(input.acceptedBy, 'CASE_ACCEPTED', input.acceptedAt, { data: { kind: input.kind } });
  const caseWide = caseWideDeadline(input.kind);
  if (caseWide) t.open(caseWide, 'CASE', input.acceptedAt);
  const first = stageDeadline(deadlineContext(t.state));
  if (first) t.open(first, 'STAGE', input.acceptedAt);
  return { state: t.state, effects: t.effects };
}

/**
 * A case carried over from the first engine (caseWorkflow): its open tasks get the read model's
 * details, and every rung it fired is recorded (once: an earlier write of the same rung stands).
 */
export function adoptCase(
  state: CaseModel,
  at: number,
  settings: CaseSettings,
): { state: CaseModel; effects: CaseEffect[] } {
  const t = new Transition(state, settings);
  for (const clock of t.state.clocks) {
    t.effects.push({ type: 'TASK_RESCHEDULED', task: t.taskRecord(clock) });
    for (const rung of clock.rungs.filter((r) => clock.fired.includes(r.level)))
      t.effects.push({
        type: 'ESCALATION_FIRED',
        taskId: clock.taskId,
        level: rung.level,
        targetRole: rung.role,
        dueAt: rung.at,
        late: false,
      });
  }
  t.audit(SYSTEM, 'CASE_ADOPTED_BY_ENGINE_V2', at, {
    data: { version: t.state.version },
  });
  return { state: t.state, effects: withEscalationAudits(t) };
}

/** The earliest instant a rung of an open clock is due, if any. */
export function nextRungDue(state: CaseModel): number | undefined {
  let next: number | undefined;
  for (const clock of state.clocks)
    for (const rung of clock.rungs)
      if (!clock.fired.includes(rung.level) && (next === undefined || rung.at < next))
        next = rung.at;
  return next;
}

/** Fires every rung due by `at` (the workflow's clock); nothing when none is due. */
export function rungsDue(
  state: CaseModel,
  command: RungsDue,
  settings: CaseSettings,
): { state: CaseModel; effects: CaseEffect[] } | undefined {
  const t = new Transition(state, settings);
  for (const clock of t.state.clocks)
    for (const rung of clock.rungs)
      if (!clock.fired.includes(rung.level) && rung.at <= command.at) t.fire(clock, rung, false);
  if (t.effects.length === 0) return undefined;
  return { state: t.state, effects: withEscalationAudits(t) };
}

/** The open clock a request names, or why there is none. */
function openClock(state: CaseModel, taskId: string): Clock | string {
  const clock = state.clocks.find((c) => c.taskId === taskId);
  if (clock) return clock;
  const prefix = `${state.caseId}:`;
  const [step, instance] = taskId.startsWith(prefix) ? taskId.slice(prefix.length).split(':') : [];
  const opened = step ? (state.stepInstances[step] ?? 0) : 0;
  return opened >= Number(instance) && Number(instance) >= 1
    ? `The deadline ${taskId} is already completed.`
    : `No deadline ${taskId} in this case.`;
}

/** Decides one command against a case: the new state and its effects, or the rule it breaks. */
export function decide(state: CaseModel, command: CaseCommand, settings: CaseSettings): Decision {
  if (command.requestId) {
    const seen = state.applied.find((a) => a.requestId === command.requestId);
    if (seen) return { ok: true, duplicate: true, version: seen.version };
  }
  const t = new Transition(state, settings);
  const refusal = apply(t, command);
  if (refusal) return refused(refusal);
  t.remember(command.requestId);
  return { ok: true, duplicate: false, state: t.state, effects: withEscalationAudits(t) };
}

/** Every rung fired by a transition also gets its audit event, keyed by the rung. */
function withEscalationAudits(t: Transition): CaseEffect[] {
  return t.effects.flatMap((effect): CaseEffect[] =>
    effect.type === 'ESCALATION_FIRED'
      ? [
          effect,
          {
            type: 'AUDIT',
            key: `${effect.taskId}:${effect.level}`,
            action: `ESCALATION_${effect.level}`,
            actorId: SYSTEM.id,
            actorRole: SYSTEM.role,
            at: effect.dueAt,
            data: { taskId: effect.taskId, targetRole: effect.targetRole, late: effect.late },
          },
        ]
      : [effect],
  );
}

function apply(t: Transition, command: CaseCommand): string | undefined {
  switch (command.type) {
    case 'ACTION':
      return applyAction(t, command);
    case 'EXTEND':
      return applyExtension(t, command);
    case 'PAUSE':
      return applyPause(t, command);
    case 'ACKNOWLEDGE':
      return applyAcknowledgement(t, command);
    case 'REASSIGN':
      return applyReassignment(t, command);
    case 'ORDER':
      return applyOrder(t, command);
    case 'MEASURE':
      return applyMeasure(t, command);
  }
}

function applyAction(t: Transition, command: Extract<CaseCommand, { type: 'ACTION' }>) {
  const s = t.state;
  const fields = command.fields ?? {};
  const check = checkAction(caseFacts(s), command.action, command.actor.role, fields);
  if (!check.ok) return check.reason;
  const before = {
    stage: s.stage,
    prosecutionAccepted: s.prosecutionAccepted,
    courtAccepted: s.courtAccepted,
  };
  switch (command.action as CaseActionCode) {
    case 'TRANSFER_FOR_PROSECUTION':
      s.route = fields.route;
      if (fields.fastTrackFacts)
        s.sentenceVariant = assessFastTrack(fields.fastTrackFacts).periodVariant;
      else delete s.sentenceVariant;
      s.prosecutionAccepted = false;
      s.prosecutionOrg = fields.prosecutionOrg;
      break;
    case 'RESUBMIT_AFTER_SUPPLEMENTARY_INVESTIGATION':
      s.prosecutionAccepted = false;
      break;
    case 'RETURN_FOR_SUPPLEMENTARY_INVESTIGATION':
      s.supplementaryReturns += 1;
      break;
    case 'PROSECUTION_ACCEPT':
      s.prosecutionAccepted = true;
      break;
    case 'INDICT':
      s.courtOrg = fields.courtOrg;
      break;
    case 'COURT_ACCEPT':
      s.courtAccepted = true;
      break;
  }
  s.stage = check.to;
  const at = command.at;
  const stageChanged =
    before.stage !== s.stage ||
    before.prosecutionAccepted !== s.prosecutionAccepted ||
    before.courtAccepted !== s.courtAccepted;
  // Rungs that were due before the action fire (late) before the action is recorded.
  if (stageChanged) t.close((c) => c.scope === 'STAGE', at);
  if (endsCaseWideDeadline(s.stage)) t.close((c) => c.scope === 'CASE', at);
  if (s.stage === 'ARCHIVED') t.close(() => true, at);
  if (s.stage === 'CLOSED') s.closedAt = at;
  const rule = CASE_ACTIONS[command.action as CaseActionCode];
  t.audit(command.actor, command.action, at, {
    reason: fields.reason,
    data: {
      from: before.stage,
      to: s.stage,
      label: rule.label,
      ...definedStrings(fields),
    },
  });
  if (stageChanged) {
    const next = stageDeadline(deadlineContext(s));
    if (next) t.open(next, 'STAGE', at);
  }
  return undefined;
}

/** The action's own fields worth keeping in the audit (the free-text reason has its column). */
function definedStrings(fields: ActionFields): AuditData {
  const kept: AuditData = {};
  for (const name of [
    'route',
    'procedure',
    'sentencingProposal',
    'judgment',
    'penalty',
    'prosecutionOrg',
    'courtOrg',
  ] as const) {
    const value = fields[name];
    if (value) kept[name] = value;
  }
  return kept;
}

function applyExtension(t: Transition, command: Extract<CaseCommand, { type: 'EXTEND' }>) {
  const clock = openClock(t.state, command.taskId);
  if (typeof clock === 'string') return clock;
  if (!command.reason?.trim()) return 'An extension requires a reason.';
  const refusal = extensionRefusal(
    t.policy(clock.policyCode),
    clock.extensions.length,
    command.by,
    command.actor.role,
  );
  if (refusal) return refusal;
  clock.extensions.push(command.by);
  const record = t.recompute(clock);
  t.audit(command.actor, 'DEADLINE_EXTENDED', command.at, {
    reason: command.reason,
    data: {
      taskId: clock.taskId,
      by: command.by.length,
      unit: command.by.unit,
      dueAt: record.dueAt,
    },
  });
  return undefined;
}

/** Who records time that does not count against a deadline. */
export const PAUSE_RECORDED_BY: Role = 'HANDLER';

function applyPause(t: Transition, command: Extract<CaseCommand, { type: 'PAUSE' }>) {
  const clock = openClock(t.state, command.taskId);
  if (typeof clock === 'string') return clock;
  if (command.actor.role !== PAUSE_RECORDED_BY)
    return `A pause is recorded by ${PAUSE_RECORDED_BY}, not ${command.actor.role}.`;
  const refusal = pauseRefusal(t.policy(clock.policyCode), command);
  if (refusal) return refusal;
  clock.pauses.push({ from: command.from, to: command.to, reason: command.reason });
  const record = t.recompute(clock);
  t.audit(command.actor, 'DEADLINE_PAUSED', command.at, {
    reason: command.reason,
    data: { taskId: clock.taskId, from: command.from, to: command.to, dueAt: record.dueAt },
  });
  return undefined;
}

function applyAcknowledgement(
  t: Transition,
  command: Extract<CaseCommand, { type: 'ACKNOWLEDGE' }>,
) {
  const refusal = acknowledgeRefusal(
    t.state.escalations.map((e) => ({
      taskId: e.taskId,
      level: { code: e.level },
      role: e.role,
      ...(e.acknowledged ? { acknowledged: true } : {}),
    })),
    command,
  );
  if (refusal) return refusal;
  const escalation = t.state.escalations.find(
    (e) => e.taskId === command.taskId && e.level === command.level,
  )!;
  escalation.acknowledged = true;
  t.effects.push({
    type: 'ESCALATION_ANSWERED',
    taskId: command.taskId,
    level: command.level,
    answer: 'ACKNOWLEDGED',
    answeredAt: command.at,
  });
  t.audit(command.actor, 'ESCALATION_ACKNOWLEDGED', command.at, {
    reason: command.note,
    data: { taskId: command.taskId, level: command.level },
  });
  return undefined;
}

function applyReassignment(t: Transition, command: Extract<CaseCommand, { type: 'REASSIGN' }>) {
  const refusal = reassignRefusal(t.state.handlerId, command);
  if (refusal) return refusal;
  const from = t.state.handlerId;
  t.state.handlerId = command.handlerId;
  // The handler's open steps go with the case.
  t.effects.push({ type: 'TASKS_REASSIGNED', from, to: command.handlerId });
  t.audit(command.actor, 'REASSIGNED', command.at, {
    reason: command.reason,
    data: { from, to: command.handlerId },
  });
  return undefined;
}

function applyOrder(t: Transition, command: Extract<CaseCommand, { type: 'ORDER' }>) {
  const refusal = orderRefusal(command);
  if (refusal) return refusal;
  t.audit(command.actor, 'ACTION_ORDERED', command.at, { reason: command.instruction });
  return undefined;
}

/** Whether coercive measures may still be recorded on a case in this stage. */
export const measuresAllowed = (stage: CaseStage) => stage !== 'CLOSED' && stage !== 'ARCHIVED';

function applyMeasure(t: Transition, command: Extract<CaseCommand, { type: 'MEASURE' }>) {
  if (!measuresAllowed(t.state.stage)) return 'The case is closed.';
  const check = checkMeasure(t.state.measure, command.event, command.actor.role);
  if (!check.ok) return check.reason;
  t.state.measure = check.to;
  t.close((c) => c.scope === 'MEASURE', command.at);
  t.audit(command.actor, `MEASURE_${command.event}`, command.at, {
    reason: command.reason,
    data: { to: check.to },
  });
  if (check.opens) t.open(check.opens, 'MEASURE', command.at);
  return undefined;
}

/** The case's row in the read model: its facts as of this version. */
export function caseRow(state: CaseModel) {
  return {
    caseId: state.caseId,
    kind: state.kind,
    stage: state.stage,
    unitId: state.unitId,
    handlerId: state.handlerId,
    queryCode: state.queryCode,
    title: state.title,
    alarmId: state.alarmId,
    acceptedAt: state.acceptedAt,
    closedAt: state.closedAt,
    route: state.route,
    prosecutionOrg: state.prosecutionOrg,
    courtOrg: state.courtOrg,
    prosecutionAccepted: state.prosecutionAccepted,
    courtAccepted: state.courtAccepted,
    supplementaryReturns: state.supplementaryReturns,
    reconsiderationWindowEnded: state.reconsiderationWindowEnded,
    measure: state.measure,
    sentenceVariant: state.sentenceVariant,
    version: state.version,
  };
}

export type CaseRow = ReturnType<typeof caseRow>;

/** What one step writes, in one transaction: the row at its new version and the effects. */
export interface CaseStep {
  row: CaseRow;
  effects: CaseEffect[];
  /** The case's first step: its row is created. */
  opening: boolean;
}
