// How the engine waits on its own writes: data, like the deadlines, so that no workflow holds a
// literal duration. A step writes a few rows: it times out in seconds, so a lost worker delays a
// case by seconds, and retries with backoff a bounded number of times before its Update fails.
export const STEP_WRITE = {
  startToCloseTimeout: '5 seconds',
  retry: {
    initialInterval: '200 milliseconds',
    backoffCoefficient: 2,
    maximumInterval: '5 seconds',
    maximumAttempts: 8,
  },
} as const;

/**
 * The same write run as a local activity, inside the workflow task that decided the step: no
 * round trip through the server for the activity, and the Update is answered in that same task.
 * Retries whose backoff is under the threshold stay in the worker; the workflow task is kept
 * alive meanwhile (the SDK heartbeats it).
 */
export const STEP_WRITE_LOCAL = {
  ...STEP_WRITE,
  localRetryThreshold: '10 seconds',
} as const;

/** The patch id under which steps are written by a local activity (earlier runs used a regular one). */
export const STEP_WRITE_LOCAL_PATCH = 'step-write-local-activity';

/** A rung whose write failed every retry is tried again after this long (the database was away). */
export const RUNG_RETRY_AFTER_MS = 30_000;

/** The patch id under which a pause must have ended, lie within its clock and keep to its cap. */
export const PAUSE_TIMING_PATCH = 'pause-recorded-after-it-ends';

/** The patch id under which new steps are written by a regular activity again. */
export const STEP_WRITE_REGULAR_PATCH = 'step-write-regular-activity';

/**
 * The patch id under which steps are written by a local activity again, now that a step written
 * by a workflow task that was lost is found by its digest and its state taken (StepOutcome).
 */
export const STEP_WRITE_ORPHANS_TAKEN_PATCH = 'step-write-local-orphans-taken';
