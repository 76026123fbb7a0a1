// Update handlers of one workflow, run one at a time once the workflow is ready: each sees the
// state the previous one left, and their activities never interleave.
import { condition } from '@temporalio/workflow';

/**
 * One at a time, in the order they asked: a command that arrived while a rung was being written
 * goes before the ladder's next turn, so a rung that falls due meanwhile is decided after the
 * command (which may complete its step before that rung's instant). The engine's shells use it.
 */
export function inArrivalOrder(ready: () => boolean) {
  let running = false;
  let issued = 0;
  let served = 0;
  return async <T>(handle: () => Promise<T>): Promise<T> => {
    const ticket = issued++;
    await condition(() => ready() && !running && served === ticket);
    running = true;
    try {
      return await handle();
    } finally {
      running = false;
      served += 1;
    }
  };
}

/** The first engine's: one at a time, in no promised order (kept so its histories replay). */
export function oneAtATime(ready: () => boolean) {
  let running = false;
  return async <T>(handle: () => Promise<T>): Promise<T> => {
    // Several waiters can be released at once: each checks again when it resumes.
    while (!ready() || running) await condition(() => ready() && !running);
    running = true;
    try {
      return await handle();
    } finally {
      running = false;
    }
  };
}
