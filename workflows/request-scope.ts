// Which HTTP request the workflow code now running is handling: set by the inbound interceptors
// (workflows/interceptors.ts) around a workflow's start and each Update or signal, read by the
// outbound ones. The escalation ladder's timers run outside it: a rung that fires days later is
// not part of the request that opened the step.
import { AsyncLocalStorage } from '@temporalio/workflow';

export const requestScope = new AsyncLocalStorage<string | undefined>();

/** Runs `fn` outside any request: what it schedules carries no request id. */
export const outsideRequest = <T>(fn: () => T): T => requestScope.run(undefined, fn);
