// The alarm workflow (警情), a thin shell over the pure decider in domain/alarm-decider.ts, as the
// case workflow is over its own: each command an Update that writes one step in one transaction,
// the ladders waiting for each rung's instant on the workflow's clock. A disposition that converts
// the alarm into a case starts the case's workflow, which outlives the alarm. The alarm ends once
// disposed with no clock open (a transfer's handover clock keeps it running) and every step in
// progress has finished.
import {
  allHandlersFinished,
  condition,
  defineUpdate,
  ParentClosePolicy,
  patched,
  setHandler,
  startChild,
} from '@temporalio/workflow';
import {
  ALARM_SIDE_PATCH,
  alarmEnded,
  alarmRow,
  alarmRungsDue,
  decideAlarm,
  openAlarm,
  type AlarmCommand,
  type AlarmEffect,
  type AlarmModel,
  type AlarmSettings,
} from '../domain/alarm-decider';
import type { NewAlarm } from '../domain/alarm';
import { APPROVALS_PATCH } from '../domain/approvals';
import type { caseWorkflowV2 } from './case';
import { escalationLadders, stepWriters, writeStep } from './engine';
import { inArrivalOrder } from './one-at-a-time';
import { outsideRequest } from './request-scope';
import { refuse } from './views';

/** What an Update answers: the version of the alarm it produced (the read model shows it). */
export interface AlarmStepResult {
  alarmId: string;
  version: number;
  duplicate?: boolean;
}

export const alarmCommandUpdate = defineUpdate<AlarmStepResult, [AlarmCommand]>('alarmCommand');
/** Answers once the alarm's first step is written: sent with the start (update-with-start), it
 * lets the registration answer with an alarm that can be read. */
export const alarmOpenedUpdate = defineUpdate<AlarmStepResult, []>('alarmOpened');

export async function alarmWorkflowV2(alarm: NewAlarm): Promise<void> {
  const settings: AlarmSettings = {
    // Runs recorded before the alarm-side rules keep the rules they were decided under.
    alarmSide: patched(ALARM_SIDE_PATCH),
    // Runs recorded before approvals transfer a crime report without the leader's approval.
    approvals: patched(APPROVALS_PATCH),
  };
  let state: AlarmModel | undefined;
  let stopping = false;
  const serially = inArrivalOrder(() => state !== undefined);

  /**
   * Writes one step, then starts the case a conversion opened. False: a lost workflow task had
   * written a step at this version; its state is taken (and the case it opened started, which
   * that task could not do), so decide again from it.
   */
  const commit = async (
    next: { state: AlarmModel; effects: AlarmEffect[] },
    opening?: NewAlarm,
  ) => {
    const outcome = await writeStep(() =>
      stepWriters().recordAlarmStep({
        row: alarmRow(next.state),
        effects: next.effects,
        ...(opening ? { opening } : {}),
        state: next.state,
      }),
    );
    state = outcome.written ? next.state : outcome.state;
    const starts = outcome.written
      ? next.effects.flatMap((effect) => (effect.type === 'CASE_STARTED' ? [effect.newCase] : []))
      : outcome.starts;
    // The case outlives the alarm: its workflow is a child the alarm abandons when it ends.
    for (const newCase of starts)
      await startChild<typeof caseWorkflowV2>('caseWorkflowV2', {
        workflowId: newCase.caseId,
        parentClosePolicy: ParentClosePolicy.ABANDON,
        args: [newCase],
      });
    return outcome.written;
  };

  setHandler(
    alarmCommandUpdate,
    (command) =>
      serially(async (): Promise<AlarmStepResult> => {
        for (;;) {
          const decision = decideAlarm(state!, command, settings);
          if (!decision.ok) return refuse(decision.reason);
          if (decision.duplicate)
            return { alarmId: alarm.alarmId, version: decision.version, duplicate: true };
          if (await commit(decision))
            return { alarmId: alarm.alarmId, version: decision.state.version };
        }
      }),
    {
      validator: (command) => {
        if (!state) return; // still opening: the handler decides once it is open
        const decision = decideAlarm(state, command, settings);
        if (!decision.ok) refuse(decision.reason);
      },
    },
  );

  setHandler(alarmOpenedUpdate, () =>
    serially(async (): Promise<AlarmStepResult> => ({
      alarmId: alarm.alarmId,
      version: state!.version,
    })),
  );

  await commit(openAlarm(alarm), alarm);
  const laddersDone = outsideRequest(() =>
    escalationLadders(
      () => state,
      () => stopping,
      (now) =>
        serially(async () => {
          for (;;) {
            const next = alarmRungsDue(state!, now);
            if (!next || (await commit(next))) return;
          }
        }),
    ),
  );

  await condition(() => alarmEnded(state!));
  stopping = true;
  await laddersDone;
  await condition(allHandlersFinished);
}
