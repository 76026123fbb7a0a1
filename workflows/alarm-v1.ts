// The first engine's alarm workflow (workflow type alarmWorkflow), kept unchanged so that alarms
// registered on it replay and finish (an alarm ends the day it is received). New alarms run
// alarmWorkflowV2 (./alarm.ts).
import {
  allHandlersFinished,
  condition,
  defineQuery,
  defineUpdate,
  ParentClosePolicy,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  uuid4,
} from '@temporalio/workflow';
import {
  ALARM_CATEGORIES,
  alarmSource,
  alarmStage,
  arrivalPolicy,
  arrivalRefusal,
  DISPOSITIONS,
  dispositionRefusal,
  type AlarmStage,
  type ArrivalRequest,
  type Disposition,
  type DispositionRequest,
  type NewAlarm,
} from '../domain/alarm';
import { resolvePolicy, type PolicyCode } from '../domain/deadline-policies';
import { computeDeadline } from '../domain/deadlines';
import { acknowledgeRefusal, escalationLadder, ESCALATION_LEVELS } from '../domain/escalation';
import type { Labelled } from '../domain/labels';
import type { Activities } from '../activities';
import type { caseWorkflowV2 } from './case';
import { oneAtATime } from './one-at-a-time';
import { StepClock } from './step-clock';
import {
  acknowledge,
  refuseIf,
  type AcknowledgeRequest,
  type DeadlineView,
  type EscalationView,
  type HistoryEntry,
} from './views';

export type { AcknowledgeRequest, DeadlineView, EscalationView, HistoryEntry };

export interface AlarmState {
  alarmId: string;
  stage: Labelled<AlarmStage>;
  source: Labelled;
  category: Labelled;
  responseTier: number;
  unitId: string;
  summary: string;
  reportedAt: string;
  receivedAt: number;
  /** True once the alarm's row and audit event are in PostgreSQL. */
  recorded: boolean;
  disposition?: Labelled<Disposition> & { reason?: string; agency?: string; caseId?: string };
  deadlines: DeadlineView[];
  escalations: EscalationView[];
  history: HistoryEntry[];
}

/** Version marker: from this change on, a converted alarm starts its case on caseWorkflowV2. */
const CASE_ENGINE_V2 = 'case-engine-v2';

export const alarmStateQuery = defineQuery<AlarmState>('alarmState');
export const recordArrivalUpdate = defineUpdate<AlarmState, [ArrivalRequest]>('recordArrival');
export const disposeUpdate = defineUpdate<AlarmState, [DispositionRequest]>('dispose');
export const acknowledgeEscalationUpdate = defineUpdate<AlarmState, [AcknowledgeRequest]>(
  'acknowledgeEscalation',
);

const activities = proxyActivities<Activities>({ startToCloseTimeout: '1 minute' });

export async function alarmWorkflow(alarm: NewAlarm): Promise<void> {
  const subject = { type: 'ALARM' as const, id: alarm.alarmId };
  const state: AlarmState = {
    alarmId: alarm.alarmId,
    stage: alarmStage('ALARM_RECEIVED'),
    source: alarmSource(alarm.source),
    category: { code: alarm.category, label: ALARM_CATEGORIES[alarm.category] },
    responseTier: alarm.responseTier,
    unitId: alarm.unitId,
    summary: alarm.summary,
    reportedAt: alarm.reportedAt,
    receivedAt: alarm.receivedAt,
    recorded: false,
    deadlines: [],
    escalations: [],
    history: [
      {
        at: alarm.receivedAt,
        action: 'ALARM_RECEIVED',
        actor: alarm.receivedBy.id,
        role: alarm.receivedBy.role,
      },
    ],
  };
  const clocks = new Map<string, StepClock>();
  let stepsOpen = false;

  const transition = async (
    stage: AlarmStage,
    entry: HistoryEntry,
    extra: { disposedAt?: number } = {},
  ) => {
    state.stage = alarmStage(stage);
    state.history.push(entry);
    await activities.recordAlarmStage({ alarmId: alarm.alarmId, stage, ...extra });
    await activities.recordAudit({
      eventKey: `${alarm.alarmId}:${entry.action}`,
      subject,
      actorId: entry.actor,
      actorRole: entry.role,
      action: entry.action,
      reason: entry.reason,
      occurredAt: entry.at,
    });
  };
  const completeStep = async (taskId: string, at: number) => {
    const clock = clocks.get(taskId);
    if (!clock || clock.state.completedAt !== undefined) return;
    clock.complete(at);
    await activities.completeTask({ taskId, completedAt: at });
  };

  // An arrival and a disposition sent together cannot interleave their writes, and a second
  // disposition is refused by the re-checked rule instead of opening a second case.
  const serially = oneAtATime(() => stepsOpen);

  setHandler(alarmStateQuery, () => state);

  setHandler(
    recordArrivalUpdate,
    (request) =>
      serially(async () => {
        refuseIf(arrivalRefusal(state.stage.code, request));
        await completeStep(`${alarm.alarmId}:ARRIVAL`, request.at);
        await transition('ON_SCENE', {
          at: request.at,
          action: 'ARRIVED',
          actor: request.actor.id,
          role: request.actor.role,
        });
        return state;
      }),
    { validator: (request) => refuseIf(arrivalRefusal(state.stage.code, request)) },
  );

  setHandler(
    disposeUpdate,
    (request) =>
      serially(async () => {
        refuseIf(
          dispositionRefusal({ stage: state.stage.code, category: alarm.category }, request),
        );
        state.disposition = {
          code: request.disposition,
          label: DISPOSITIONS[request.disposition],
          ...(request.reason ? { reason: request.reason } : {}),
          ...(request.agency ? { agency: request.agency } : {}),
        };
        if (request.disposition === 'CONVERTED_TO_CASE' && request.newCase) {
          // The case outlives the alarm: its workflow is a child the alarm abandons when it ends.
          // Alarms disposed before the new engine started their cases on the first one.
          const caseId = `case-${uuid4()}`;
          await startChild<typeof caseWorkflowV2>(
            patched(CASE_ENGINE_V2) ? 'caseWorkflowV2' : 'caseWorkflow',
            {
              workflowId: caseId,
              parentClosePolicy: ParentClosePolicy.ABANDON,
              args: [
                {
                  caseId,
                  kind: request.newCase.kind,
                  unitId: alarm.unitId,
                  handlerId: request.newCase.handlerId,
                  title: request.newCase.title,
                  queryCode: uuid4().replace(/-/g, '').slice(0, 10).toUpperCase(),
                  alarmId: alarm.alarmId,
                  acceptedAt: request.at,
                  acceptedBy: request.actor,
                  policyOverrides: alarm.policyOverrides,
                },
              ],
            },
          );
          state.disposition.caseId = caseId;
        }
        for (const taskId of clocks.keys()) await completeStep(taskId, request.at);
        await transition(
          'DISPOSED',
          {
            at: request.at,
            action: request.disposition,
            actor: request.actor.id,
            role: request.actor.role,
            reason: request.reason,
          },
          { disposedAt: request.at },
        );
        return state;
      }),
    {
      validator: (request) =>
        refuseIf(
          dispositionRefusal({ stage: state.stage.code, category: alarm.category }, request),
        ),
    },
  );

  setHandler(
    acknowledgeEscalationUpdate,
    (request) =>
      serially(async () => {
        refuseIf(acknowledgeRefusal(state.escalations, request));
        await acknowledge(state.escalations, request, activities.answerEscalation);
        await activities.recordAudit({
          eventKey: `${request.taskId}:${request.level}:ACKNOWLEDGED`,
          subject,
          actorId: request.actor.id,
          actorRole: request.actor.role,
          action: 'ESCALATION_ACKNOWLEDGED',
          reason: request.note,
          occurredAt: request.at,
        });
        return state;
      }),
    { validator: (request) => refuseIf(acknowledgeRefusal(state.escalations, request)) },
  );

  await activities.recordAlarmReceived(alarm);
  state.recorded = true;

  const steps: Array<[string, PolicyCode]> = [
    ['ARRIVAL', arrivalPolicy(alarm.responseTier)],
    ['DISPOSAL', 'ALARM_DISPOSAL'],
  ];
  const running: Promise<void>[] = [];
  for (const [step, code] of steps) {
    const policy = resolvePolicy(code, alarm.policyOverrides);
    const deadline = computeDeadline({ policy, triggeredAt: alarm.receivedAt });
    const taskId = `${alarm.alarmId}:${step}`;
    const view: DeadlineView = {
      taskId,
      policyCode: code,
      policy: { code, label: policy.label },
      ownerRole: policy.owner,
      openedAt: alarm.receivedAt,
      dueAt: deadline.dueAt,
      rungs: escalationLadder(policy, alarm.receivedAt, deadline.dueAt),
      fired: [],
      overdue: false,
      explanation: deadline.steps,
      warnings: deadline.warnings,
    };
    state.deadlines.push(view);
    await activities.openTask({
      taskId,
      subject,
      step: code,
      ownerRole: policy.owner,
      unitId: alarm.unitId,
      openedAt: alarm.receivedAt,
      dueAt: deadline.dueAt,
    });
    const clock = new StepClock(view, async (rung) => {
      state.escalations.push({
        taskId,
        level: { code: rung.level, label: ESCALATION_LEVELS[rung.level] },
        role: rung.role,
        firedAt: rung.at,
      });
      await activities.recordEscalation({
        taskId,
        subject,
        level: rung.level,
        targetRole: rung.role,
        firedAt: rung.at,
      });
    });
    clocks.set(taskId, clock);
  }
  stepsOpen = true;
  for (const clock of clocks.values()) running.push(clock.run(alarm.receivedAt));

  await condition(() => state.stage.code === 'DISPOSED');
  await Promise.all(running);
  await condition(allHandlersFinished);
}
