// The first engine's case workflow (workflow type caseWorkflow), kept unchanged so that cases
// started on it replay and keep running. New cases run caseWorkflowV2 (./case.ts). A running case
// moves to the new engine when it is sent the upgradeEngine signal: it finishes what is in
// progress and continues as new as caseWorkflowV2, carrying its state (npm run cases:upgrade,
// and the worker at start-up, send it to every running case of this type).
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  defineUpdate,
  makeContinueAsNewFunc,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Actor } from '../domain/alarm';
import {
  caseWideDeadline,
  endsCaseWideDeadline,
  stageDeadline,
  type DeadlineContext,
  type StepSpec,
} from '../domain/case-deadlines';
import {
  checkMeasure,
  IN_CUSTODY,
  MEASURE_STATES,
  type MeasureState,
} from '../domain/coercive-measures';
import {
  resolvePolicy,
  type Period,
  type PolicyCode,
  type PolicyOverrides,
} from '../domain/deadline-policies';
import { computeDeadline, pauseRefusal } from '../domain/deadlines';
import {
  acknowledgeRefusal,
  escalationLadder,
  ESCALATION_LEVELS,
  extensionRefusal,
  orderRefusal,
  reassignRefusal,
} from '../domain/escalation';
import { assessFastTrack } from '../domain/fast-track';
import { policyBeforeCorrections } from '../domain/law-corrections';
import type { Labelled } from '../domain/labels';
import {
  CASE_ACTIONS,
  CASE_KINDS,
  caseStage,
  checkAction,
  initialStage,
  type ActionField,
  type ActionFields,
  type CaseFacts,
  type CaseKind,
  type CaseStage,
} from '../domain/lifecycle';
import type { CaseModel, NewCase } from '../domain/case-decider';
import type { Clock } from '../domain/clocks';
import type { Role } from '../domain/roles';
import type { Activities } from '../activities';
import { oneAtATime } from './one-at-a-time';
import { StepClock } from './step-clock';
import {
  acknowledge,
  refuse,
  refuseIf,
  type AcknowledgeRequest,
  type DeadlineView,
  type EscalationView,
  type HistoryEntry,
} from './views';

export type { NewCase };

export interface CaseState {
  caseId: string;
  kind: Labelled<CaseKind>;
  unitId: string;
  handlerId: string;
  title: string;
  queryCode: string;
  stage: Labelled<CaseStage>;
  route?: 'FAST_TRACK' | 'ORDINARY';
  sentenceVariant?: string;
  /** The procuratorate the case was handed to, and the court it was brought before. */
  prosecutionOrg?: string;
  courtOrg?: string;
  supplementaryReturns: number;
  /** Absent in state carried from runs before the prosecutor's acceptance step: accepted. */
  prosecutionAccepted?: boolean;
  courtAccepted: boolean;
  measure: Labelled<MeasureState>;
  deadlines: DeadlineView[];
  escalations: EscalationView[];
  history: HistoryEntry[];
  /** The time of the latest event: where the clocks resume after continue-as-new. */
  lastEventAt: number;
  /** How many times the case continued as new. */
  runs: number;
}

export interface ActionRequest {
  action: string;
  actor: Actor;
  at: number;
  fields?: ActionFields;
}

export interface ExtensionRequest {
  actor: Actor;
  at: number;
  taskId: string;
  by: Period;
  reason: string;
}

export interface PauseRequest {
  actor: Actor;
  at: number;
  taskId: string;
  /** APPRAISAL (鉴定) or HEARING (听证): time that does not count. */
  reason: string;
  from: number;
  to: number;
}

export interface ReassignRequest {
  actor: Actor;
  at: number;
  handlerId: string;
  reason: string;
}

export interface OrderRequest {
  actor: Actor;
  at: number;
  instruction: string;
}

export interface MeasureRequest {
  actor: Actor;
  at: number;
  event: string;
  reason?: string;
}

export const caseStateQuery = defineQuery<CaseState>('caseState');
export const caseActionUpdate = defineUpdate<CaseState, [ActionRequest]>('caseAction');
export const extendDeadlineUpdate = defineUpdate<CaseState, [ExtensionRequest]>('extendDeadline');
export const acknowledgeCaseEscalationUpdate = defineUpdate<CaseState, [AcknowledgeRequest]>(
  'acknowledgeEscalation',
);
export const pauseDeadlineUpdate = defineUpdate<CaseState, [PauseRequest]>('pauseDeadline');
export const reassignUpdate = defineUpdate<CaseState, [ReassignRequest]>('reassign');
export const orderActionUpdate = defineUpdate<CaseState, [OrderRequest]>('orderAction');
export const coerciveMeasureUpdate = defineUpdate<CaseState, [MeasureRequest]>('coerciveMeasure');
/** Moves a running case to the new engine (caseWorkflowV2) once what is in progress finished. */
export const upgradeEngineSignal = defineSignal('upgradeEngine');

const activities = proxyActivities<Activities>({ startToCloseTimeout: '1 minute' });

/** The first engine keeps the rules it decided its cases under: every ladder to police leaders. */
const policyOf = (code: PolicyCode, overrides?: PolicyOverrides) =>
  policyBeforeCorrections(resolvePolicy(code, overrides));

/**
 * Version marker: from this change on, the prosecution review clock starts when the prosecutor
 * accepts the case (PROSECUTION_ACCEPT). Cases that were sent before it keep the old behaviour,
 * the clock starting when the case is sent.
 */
const PROSECUTOR_ACCEPTANCE = 'prosecutor-acceptance';

/**
 * Version marker: from this change on, sending a case for prosecution names the procuratorate
 * and indicting names the court (the API scopes prosecutors and judges by them). Cases that took
 * these actions before replay without the fields.
 */
const HANDOVER_ORGS = 'handover-orgs';
const handoverFields = (action: string): ActionField[] =>
  (action === 'TRANSFER_FOR_PROSECUTION' || action === 'INDICT') && !patched(HANDOVER_ORGS)
    ? ['prosecutionOrg', 'courtOrg']
    : [];

/** The facts the lifecycle's rules judge, as a case's state holds them (the API reads them too). */
export function caseFacts(state: CaseState): CaseFacts {
  return {
    kind: state.kind.code,
    stage: state.stage.code,
    route: state.route,
    supplementaryReturns: state.supplementaryReturns,
    prosecutionAccepted: state.prosecutionAccepted ?? true,
    courtAccepted: state.courtAccepted,
    // The window has ended once its deadline fired (its first escalation rung is the deadline).
    reconsiderationWindowEnded: state.deadlines.some(
      (d) => d.policyCode === 'RECONSIDERATION_APPLICATION' && d.fired.includes('FIRST_LEVEL'),
    ),
  };
}

function initialState(input: NewCase): CaseState {
  return {
    caseId: input.caseId,
    kind: { code: input.kind, label: CASE_KINDS[input.kind] },
    unitId: input.unitId,
    handlerId: input.handlerId,
    title: input.title,
    queryCode: input.queryCode,
    stage: caseStage(initialStage(input.kind)),
    supplementaryReturns: 0,
    prosecutionAccepted: false,
    courtAccepted: false,
    measure: { code: 'NONE', label: MEASURE_STATES.NONE },
    deadlines: [],
    escalations: [],
    history: [
      {
        at: input.acceptedAt,
        action: 'CASE_ACCEPTED',
        actor: input.acceptedBy.id,
        role: input.acceptedBy.role,
      },
    ],
    lastEventAt: input.acceptedAt,
    runs: 0,
  };
}

export async function caseWorkflow(input: NewCase, carried?: CaseState): Promise<void> {
  const state: CaseState = carried ?? initialState(input);
  const subject = { type: 'CASE' as const, id: input.caseId };
  const clocks = new Map<string, StepClock>();
  let ready = false;

  const context = (): DeadlineContext => ({
    ...caseFacts(state),
    sentenceVariant: state.sentenceVariant,
    inCustody: IN_CUSTODY.includes(state.measure.code),
  });

  /** Appends to the history and the audit trail (the history index keys the audit event). */
  const record = async (
    entry: HistoryEntry,
    data?: Record<string, string | number | boolean | null>,
  ) => {
    state.history.push(entry);
    state.lastEventAt = Math.max(state.lastEventAt, entry.at);
    await activities.recordAudit({
      eventKey: `${input.caseId}:${state.history.length - 1}`,
      subject,
      actorId: entry.actor,
      actorRole: entry.role,
      action: entry.action,
      reason: entry.reason,
      data,
      occurredAt: entry.at,
    });
  };

  const startClock = (view: DeadlineView, from: number) => {
    const clock = new StepClock(view, async (rung) => {
      state.lastEventAt = Math.max(state.lastEventAt, rung.at);
      state.escalations.push({
        taskId: view.taskId,
        level: { code: rung.level, label: ESCALATION_LEVELS[rung.level] },
        role: rung.role,
        firedAt: rung.at,
      });
      await activities.recordEscalation({
        taskId: view.taskId,
        subject,
        level: rung.level,
        targetRole: rung.role,
        firedAt: rung.at,
      });
    });
    clocks.set(view.taskId, clock);
    void clock.run(from);
  };

  const openDeadline = async (spec: StepSpec, scope: DeadlineView['scope'], at: number) => {
    const policy = policyOf(spec.policy, input.policyOverrides);
    const deadline = computeDeadline({
      // The first engine keeps the count it decided its cases under.
      monthCounting: 'SAME_DATE',
      policy,
      triggeredAt: at,
      variant: spec.variant,
      custody: spec.custody,
    });
    const prefix = `${input.caseId}:${spec.step}:`;
    const instance = state.deadlines.filter((d) => d.taskId.startsWith(prefix)).length + 1;
    const view: DeadlineView = {
      taskId: `${prefix}${instance}`,
      policyCode: spec.policy,
      policy: { code: spec.policy, label: policy.label },
      ownerRole: policy.owner,
      openedAt: at,
      dueAt: deadline.dueAt,
      rungs: escalationLadder(policy, at, deadline.dueAt),
      fired: [],
      overdue: false,
      explanation: deadline.steps,
      warnings: deadline.warnings,
      scope,
      ...(spec.variant ? { variant: spec.variant } : {}),
      ...(spec.custody !== undefined ? { custody: spec.custody } : {}),
      extensions: [],
    };
    state.deadlines.push(view);
    await activities.openTask({
      taskId: view.taskId,
      subject,
      step: spec.policy,
      ownerRole: policy.owner,
      ownerId: policy.owner === 'HANDLER' ? state.handlerId : undefined,
      unitId: state.unitId,
      openedAt: at,
      dueAt: deadline.dueAt,
    });
    startClock(view, at);
  };

  const closeDeadlines = async (which: (view: DeadlineView) => boolean, at: number) => {
    for (const view of state.deadlines.filter((d) => d.completedAt === undefined && which(d))) {
      const clock = clocks.get(view.taskId);
      if (clock) clock.complete(at);
      else view.completedAt = at;
      await activities.completeTask({ taskId: view.taskId, completedAt: at });
    }
  };

  /** The open deadline a leader's or handler's request names; refuses if there is none. */
  const findOpenDeadline = (taskId: string): DeadlineView => {
    const view = state.deadlines.find((d) => d.taskId === taskId);
    if (!view) return refuse(`No deadline ${taskId} in this case.`);
    if (view.completedAt !== undefined) refuse(`The deadline ${taskId} is already completed.`);
    return view;
  };

  const saveStage = (closedAt?: number) =>
    activities.recordCaseStage({
      caseId: input.caseId,
      stage: state.stage.code,
      handlerId: state.handlerId,
      route: state.route,
      prosecutionOrg: state.prosecutionOrg,
      courtOrg: state.courtOrg,
      // What the prosecutor's and the court's queues offer depends on these.
      prosecutionAccepted: context().prosecutionAccepted,
      courtAccepted: state.courtAccepted,
      supplementaryReturns: state.supplementaryReturns,
      ...(closedAt ? { closedAt } : {}),
    });

  // Each handler sees the state the previous one left, and their writes never interleave.
  const serially = oneAtATime(() => ready);

  setHandler(caseStateQuery, () => state);

  setHandler(
    caseActionUpdate,
    (request) =>
      serially(async () => {
        const fields = request.fields ?? {};
        const check = checkAction(
          context(),
          request.action,
          request.actor.role,
          fields,
          handoverFields(request.action),
          'BEFORE_CORRECTIONS',
        );
        if (!check.ok) return refuse(check.reason);
        const before = {
          stage: state.stage.code,
          courtAccepted: state.courtAccepted,
          prosecutionAccepted: context().prosecutionAccepted,
        };
        switch (request.action) {
          case 'TRANSFER_FOR_PROSECUTION':
            state.route = fields.route;
            state.sentenceVariant = fields.fastTrackFacts
              ? assessFastTrack(fields.fastTrackFacts).periodVariant
              : undefined;
            state.prosecutionAccepted = !patched(PROSECUTOR_ACCEPTANCE);
            state.prosecutionOrg = fields.prosecutionOrg;
            break;
          case 'RESUBMIT_AFTER_SUPPLEMENTARY_INVESTIGATION':
            state.prosecutionAccepted = !patched(PROSECUTOR_ACCEPTANCE);
            break;
          case 'RETURN_FOR_SUPPLEMENTARY_INVESTIGATION':
            state.supplementaryReturns += 1;
            break;
          case 'PROSECUTION_ACCEPT':
            state.prosecutionAccepted = true;
            break;
          case 'INDICT':
            state.courtOrg = fields.courtOrg;
            break;
          case 'COURT_ACCEPT':
            state.courtAccepted = true;
            break;
        }
        state.stage = caseStage(check.to);
        const action = CASE_ACTIONS[request.action as keyof typeof CASE_ACTIONS];
        await record(
          {
            at: request.at,
            action: request.action,
            actor: request.actor.id,
            role: request.actor.role,
            reason: fields.reason,
          },
          {
            from: before.stage,
            to: check.to,
            label: action.label,
            ...(fields.route ? { route: fields.route } : {}),
            ...(fields.procedure ? { procedure: fields.procedure } : {}),
            ...(fields.sentencingProposal ? { sentencingProposal: fields.sentencingProposal } : {}),
            ...(fields.judgment ? { judgment: fields.judgment } : {}),
            ...(fields.penalty ? { penalty: fields.penalty } : {}),
            ...(fields.prosecutionOrg ? { prosecutionOrg: fields.prosecutionOrg } : {}),
            ...(fields.courtOrg ? { courtOrg: fields.courtOrg } : {}),
          },
        );
        if (
          before.stage !== check.to ||
          before.courtAccepted !== state.courtAccepted ||
          before.prosecutionAccepted !== context().prosecutionAccepted
        ) {
          await closeDeadlines((d) => d.scope === 'STAGE', request.at);
          const next = stageDeadline(context());
          if (next) await openDeadline(next, 'STAGE', request.at);
        }
        if (endsCaseWideDeadline(check.to))
          await closeDeadlines((d) => d.scope === 'CASE', request.at);
        if (check.to === 'ARCHIVED') await closeDeadlines(() => true, request.at);
        await saveStage(check.to === 'CLOSED' ? request.at : undefined);
        return state;
      }),
    {
      validator: (request) => {
        const check = checkAction(
          context(),
          request.action,
          request.actor.role,
          request.fields ?? {},
          [],
          'BEFORE_CORRECTIONS',
        );
        if (!check.ok) refuse(check.reason);
      },
    },
  );

  /** Recomputes an open deadline after an extension or a pause, and moves its ladder. */
  const recompute = async (view: DeadlineView, at: number) => {
    const policy = policyOf(view.policyCode as PolicyCode, input.policyOverrides);
    const deadline = computeDeadline({
      // The first engine keeps the count it decided its cases under.
      monthCounting: 'SAME_DATE',
      policy,
      triggeredAt: view.openedAt,
      variant: view.variant,
      custody: view.custody,
      extensions: view.extensions,
      pauses: view.pauses,
    });
    view.explanation = deadline.steps;
    view.warnings = deadline.warnings;
    clocks
      .get(view.taskId)
      ?.reschedule(escalationLadder(policy, view.openedAt, deadline.dueAt), deadline.dueAt, at);
    await activities.rescheduleTask({ taskId: view.taskId, dueAt: deadline.dueAt });
    return deadline;
  };

  const checkPause = (request: PauseRequest): DeadlineView => {
    const view = findOpenDeadline(request.taskId);
    if (request.actor.role !== 'HANDLER')
      refuse(`A pause is recorded by HANDLER, not ${request.actor.role}.`);
    refuseIf(pauseRefusal(policyOf(view.policyCode as PolicyCode, input.policyOverrides), request));
    return view;
  };

  setHandler(
    pauseDeadlineUpdate,
    (request) =>
      serially(async () => {
        const view = checkPause(request);
        view.pauses = [
          ...(view.pauses ?? []),
          { from: request.from, to: request.to, reason: request.reason },
        ];
        const deadline = await recompute(view, request.at);
        await record(
          {
            at: request.at,
            action: 'DEADLINE_PAUSED',
            actor: request.actor.id,
            role: request.actor.role,
            reason: request.reason,
          },
          { taskId: view.taskId, from: request.from, to: request.to, dueAt: deadline.dueAt },
        );
        return state;
      }),
    { validator: (request) => void checkPause(request) },
  );

  const checkExtension = (request: ExtensionRequest): DeadlineView => {
    const view = findOpenDeadline(request.taskId);
    if (!request.reason?.trim()) refuse('An extension requires a reason.');
    const policy = policyOf(view.policyCode as PolicyCode, input.policyOverrides);
    refuseIf(
      extensionRefusal(policy, view.extensions?.length ?? 0, request.by, request.actor.role),
    );
    return view;
  };

  setHandler(
    extendDeadlineUpdate,
    (request) =>
      serially(async () => {
        const view = checkExtension(request);
        view.extensions = [...(view.extensions ?? []), request.by];
        const deadline = await recompute(view, request.at);
        await record(
          {
            at: request.at,
            action: 'DEADLINE_EXTENDED',
            actor: request.actor.id,
            role: request.actor.role,
            reason: request.reason,
          },
          {
            taskId: view.taskId,
            by: request.by.length,
            unit: request.by.unit,
            dueAt: deadline.dueAt,
          },
        );
        return state;
      }),
    { validator: (request) => void checkExtension(request) },
  );

  setHandler(
    acknowledgeCaseEscalationUpdate,
    (request) =>
      serially(async () => {
        refuseIf(acknowledgeRefusal(state.escalations, request));
        await acknowledge(state.escalations, request, activities.answerEscalation);
        await record(
          {
            at: request.at,
            action: 'ESCALATION_ACKNOWLEDGED',
            actor: request.actor.id,
            role: request.actor.role,
            reason: request.note,
          },
          { taskId: request.taskId, level: request.level },
        );
        return state;
      }),
    { validator: (request) => refuseIf(acknowledgeRefusal(state.escalations, request)) },
  );

  setHandler(
    reassignUpdate,
    (request) =>
      serially(async () => {
        refuseIf(reassignRefusal(state.handlerId, request));
        const from = state.handlerId;
        state.handlerId = request.handlerId;
        await saveStage();
        await record(
          {
            at: request.at,
            action: 'REASSIGNED',
            actor: request.actor.id,
            role: request.actor.role,
            reason: request.reason,
          },
          { from, to: request.handlerId },
        );
        return state;
      }),
    {
      validator: (request) => refuseIf(reassignRefusal(state.handlerId, request)),
    },
  );

  setHandler(
    orderActionUpdate,
    (request) =>
      serially(async () => {
        await record({
          at: request.at,
          action: 'ACTION_ORDERED',
          actor: request.actor.id,
          role: request.actor.role,
          reason: request.instruction,
        });
        return state;
      }),
    {
      validator: (request) => refuseIf(orderRefusal(request)),
    },
  );

  const checkMeasureRequest = (request: MeasureRequest) => {
    if (state.stage.code === 'CLOSED' || state.stage.code === 'ARCHIVED')
      refuse('The case is closed.');
    const check = checkMeasure(state.measure.code, request.event, request.actor.role);
    return check.ok ? check : refuse(check.reason);
  };

  setHandler(
    coerciveMeasureUpdate,
    (request) =>
      serially(async () => {
        const check = checkMeasureRequest(request);
        state.measure = { code: check.to, label: MEASURE_STATES[check.to] };
        await closeDeadlines((d) => d.scope === 'MEASURE', request.at);
        await record(
          {
            at: request.at,
            action: `MEASURE_${request.event}`,
            actor: request.actor.id,
            role: request.actor.role,
            reason: request.reason,
          },
          { to: check.to },
        );
        if (check.opens) await openDeadline(check.opens, 'MEASURE', request.at);
        return state;
      }),
    { validator: (request) => void checkMeasureRequest(request) },
  );

  if (carried) {
    // A new run of a long case: resume every open clock where the last run left it.
    state.runs += 1;
    for (const view of state.deadlines.filter((d) => d.completedAt === undefined))
      startClock(view, state.lastEventAt);
  } else {
    await activities.recordCaseOpened({
      caseId: input.caseId,
      kind: input.kind,
      stage: state.stage.code,
      unitId: input.unitId,
      handlerId: input.handlerId,
      queryCode: input.queryCode,
      title: input.title,
      alarmId: input.alarmId,
      acceptedAt: input.acceptedAt,
      acceptedBy: input.acceptedBy,
    });
    const caseWide = caseWideDeadline(input.kind);
    if (caseWide) await openDeadline(caseWide, 'CASE', input.acceptedAt);
    const first = stageDeadline(context());
    if (first) await openDeadline(first, 'STAGE', input.acceptedAt);
  }
  ready = true;

  const shouldContinueAsNew = () =>
    workflowInfo().continueAsNewSuggested ||
    (input.continueAsNewAfterEvents !== undefined &&
      workflowInfo().historyLength >= input.continueAsNewAfterEvents);

  let upgrade = false;
  setHandler(upgradeEngineSignal, () => {
    upgrade = true;
  });

  await condition(() => state.stage.code === 'ARCHIVED' || shouldContinueAsNew() || upgrade);
  await condition(allHandlersFinished);
  if (state.stage.code !== 'ARCHIVED' && upgrade) {
    await makeContinueAsNewFunc({ workflowType: 'caseWorkflowV2' })(input, {
      model: modelOf(input, state),
      adopted: true,
    });
  }
  if (state.stage.code !== 'ARCHIVED') {
    await continueAsNew<typeof caseWorkflow>(input, state);
  }
}

/** The actions that close a case: the last of them in the history is when it closed. */
const CLOSING_ACTIONS = [
  'UPHOLD_NON_FILING',
  'CLOSE_NOT_FILED',
  'SERVE_PENALTY_DECISION',
  'DECLINE_PROSECUTION',
  'PRONOUNCE_JUDGMENT',
];

/** This engine's state as the new engine's model (what caseWorkflowV2 carries on with). */
function modelOf(input: NewCase, state: CaseState): CaseModel {
  const stepOf = (taskId: string) => taskId.slice(input.caseId.length + 1).split(':')[0]!;
  const stepInstances: Record<string, number> = {};
  for (const d of state.deadlines)
    stepInstances[stepOf(d.taskId)] = (stepInstances[stepOf(d.taskId)] ?? 0) + 1;
  const clocks: Clock[] = state.deadlines
    .filter((d) => d.completedAt === undefined)
    .map((d) => ({
      taskId: d.taskId,
      step: stepOf(d.taskId),
      policyCode: d.policyCode as PolicyCode,
      scope: d.scope ?? 'STAGE',
      ownerRole: d.ownerRole as Role,
      openedAt: d.openedAt,
      dueAt: d.dueAt,
      rungs: d.rungs,
      fired: d.fired,
      ...(d.variant ? { variant: d.variant } : {}),
      ...(d.custody !== undefined ? { custody: d.custody } : {}),
      extensions: d.extensions ?? [],
      pauses: d.pauses ?? [],
    }));
  const closed = [...state.history].reverse().find((h) => CLOSING_ACTIONS.includes(h.action));
  const facts = caseFacts(state);
  return {
    caseId: input.caseId,
    kind: state.kind.code,
    unitId: state.unitId,
    handlerId: state.handlerId,
    title: state.title,
    queryCode: state.queryCode,
    ...(input.alarmId ? { alarmId: input.alarmId } : {}),
    acceptedAt: input.acceptedAt,
    stage: state.stage.code,
    ...(state.route ? { route: state.route } : {}),
    ...(state.sentenceVariant ? { sentenceVariant: state.sentenceVariant } : {}),
    ...(state.prosecutionOrg ? { prosecutionOrg: state.prosecutionOrg } : {}),
    ...(state.courtOrg ? { courtOrg: state.courtOrg } : {}),
    supplementaryReturns: state.supplementaryReturns,
    prosecutionAccepted: facts.prosecutionAccepted ?? true,
    courtAccepted: state.courtAccepted,
    reconsiderationWindowEnded: facts.reconsiderationWindowEnded ?? false,
    measure: state.measure.code,
    ...(closed && (state.stage.code === 'CLOSED' || state.stage.code === 'ARCHIVED')
      ? { closedAt: closed.at }
      : {}),
    clocks,
    stepInstances,
    escalations: state.escalations.map((e) => ({
      taskId: e.taskId,
      level: e.level.code,
      role: e.role as Role,
      acknowledged: e.acknowledged !== undefined,
    })),
    version: 0,
    applied: [],
  };
}
