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

/** A rung whose write failed every retry is tried again after this long (the database was away). */
export const RUNG_RETRY_AFTER_MS = 30_000;
