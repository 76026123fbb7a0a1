// What the case and alarm workflows share as thin shells over their deciders: writing a decided
// step (its failure becomes the Update's refusal, never a failed workflow task) and the
// escalation ladders, which wait for each rung's due instant on the workflow's own clock.
import {
  ApplicationFailure,
  condition,
  patched,
  proxyActivities,
  proxyLocalActivities,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { nextRungDue, type ClockBook } from '../domain/clocks';
import {
  RUNG_RETRY_AFTER_MS,
  STEP_WRITE,
  STEP_WRITE_LOCAL,
  STEP_WRITE_LOCAL_PATCH,
  STEP_WRITE_ORPHANS_TAKEN_PATCH,
  STEP_WRITE_REGULAR_PATCH,
} from '../domain/engine-timing';
import type { StepOutcome } from '../domain/steps';

const remote = proxyActivities<Activities>(STEP_WRITE);
const local = proxyLocalActivities<Activities>(STEP_WRITE_LOCAL);

/**
 * The activities that write a step. New steps run them as local activities (one workflow task per
 * step, no activity round trip). A local activity writes before its decision is in the history:
 * if the workflow task is lost, the next one may decide something else at the same version, so
 * the write finds the lost task's step and hands its state back (StepOutcome), and the shell
 * takes it and decides again. Recorded histories replay as they ran: regular activities, local
 * ones before that hand-back existed (the first try), and regular ones again after it.
 */
export function stepWriters(): Pick<Activities, 'recordCaseStep' | 'recordAlarmStep'> {
  if (patched(STEP_WRITE_ORPHANS_TAKEN_PATCH)) return local;
  if (patched(STEP_WRITE_REGULAR_PATCH)) return remote;
  return patched(STEP_WRITE_LOCAL_PATCH) ? local : remote;
}

/** The step writer of workflows that began with local-activity steps (no recorded history before). */
export const localStepWriters = (): Pick<
  Activities,
  'recordInfoRequestStep' | 'recordMatterStep'
> => local;

/**
 * Writes one step; a failure refuses the Update that caused it (the state is not adopted). The
 * outcome of histories recorded before steps answered one is undefined: written.
 */
export async function writeStep<Model, Started>(
  write: () => Promise<StepOutcome<Model, Started> | void>,
): Promise<StepOutcome<Model, Started>> {
  try {
    return (await write()) ?? { written: true };
  } catch (error) {
    // Refused by the database (422 from the API), or not written through every retry (503).
    const cause = rootCause(error);
    throw ApplicationFailure.create({
      type: cause.nonRetryable ? 'StepNotRecordable' : 'StepNotRecorded',
      message: `The step was not recorded, so it was not taken: ${cause.message}`,
      nonRetryable: true,
    });
  }
}

/** The innermost failure of an activity's error: what the activity itself threw. */
function rootCause(error: unknown): { nonRetryable?: boolean; message: string } {
  let cause = error as { cause?: unknown; nonRetryable?: boolean; message: string };
  while (cause.cause) cause = cause.cause as typeof cause;
  return cause;
}

/**
 * Runs the ladders until `stopping()`: waits for the next rung's instant (Date.now() is the
 * workflow's deterministic clock), then `fire(now)` fires every rung due. A fire that fails
 * through every retry is tried again later: the rungs stay due.
 */
export async function escalationLadders(
  current: () => (ClockBook & { version: number }) | undefined,
  stopping: () => boolean,
  fire: (now: number) => Promise<void>,
): Promise<void> {
  while (!stopping()) {
    const state = current();
    const due = state && nextRungDue(state);
    if (due === undefined) {
      const version = state?.version;
      await condition(() => stopping() || current()?.version !== version);
      continue;
    }
    const wait = due - Date.now();
    if (wait > 0) {
      await condition(() => stopping() || nextRungDue(current()!) !== due, wait);
      continue;
    }
    try {
      await fire(Date.now());
    } catch {
      await condition(stopping, RUNG_RETRY_AFTER_MS);
    }
  }
}
