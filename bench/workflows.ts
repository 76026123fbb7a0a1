// The bare workflows npm run bench measures the case workflow against: the least Temporal work a
// case's steps could cost. Deterministic, under the same lint rules as workflows/.
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  defineUpdate,
  proxyActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { BenchActivities } from './activities';
import { FAST_TRACK_ACTIONS } from './fast-track';

/** How long each step's timer runs: long enough never to fire during a bench. */
const STEP_TIMER_MS = 24 * 60 * 60 * 1000;

export interface BareLifecycleInput {
  /** Record each step in PostgreSQL (one INSERT by an activity) before the Update returns. */
  write: boolean;
}

export interface BareDeadlineInput {
  dueAt: number;
}

/** One of the 9 fast-track actions, by name; answers how many steps are done. */
export const bareActionUpdate = defineUpdate<number, [string]>('bareAction');

const { recordBenchEvent } = proxyActivities<BenchActivities>({
  startToCloseTimeout: '1 minute',
});

/** The 11 Updates of a fast-track case (9 actions, 2 approvals); each cancels the step's timer and starts the next's. */
export async function bareLifecycle(input: BareLifecycleInput): Promise<void> {
  let done = 0;
  const expected = (action: string) => {
    if (action !== FAST_TRACK_ACTIONS[done])
      throw ApplicationFailure.create({
        message: `${action} is out of order; step ${done + 1} is ${FAST_TRACK_ACTIONS[done]}.`,
        nonRetryable: true,
      });
  };
  setHandler(
    bareActionUpdate,
    async (action) => {
      expected(action);
      if (input.write)
        await recordBenchEvent({
          workflowId: workflowInfo().workflowId,
          kind: 'STEP',
          step: done + 1,
        });
      done += 1;
      return done;
    },
    { validator: expected },
  );
  while (done < FAST_TRACK_ACTIONS.length) {
    const before = done;
    await condition(() => done !== before, STEP_TIMER_MS);
  }
  await condition(allHandlersFinished);
}

/**
 * An open deadline: writes a row when opened and another when its timer fires. The timer runs to
 * the due instant from the run's start (what a deadline engine should do), and starts in the same
 * workflow task as the first write.
 */
export async function bareDeadline(input: BareDeadlineInput): Promise<void> {
  const workflowId = workflowInfo().workflowId;
  const due = sleep(Math.max(1, input.dueAt - workflowInfo().runStartTime.getTime()));
  await recordBenchEvent({ workflowId, kind: 'OPENED' });
  await due;
  await recordBenchEvent({ workflowId, kind: 'DUE', dueAt: input.dueAt });
}
