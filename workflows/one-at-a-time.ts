// Update handlers of one workflow, run one at a time once the workflow is ready: each sees the
// state the previous one left, and their activities never interleave.
import { condition } from '@temporalio/workflow';

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
