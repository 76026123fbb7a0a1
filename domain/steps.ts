// What every decider's step shares: the audit events it records, keyed by the subject and the
// version the step makes, and the requests it remembers so that a retry acts once.
import { auditEvent, type AuditData, type ClockEffect } from './clocks';

/** How many applied request ids a case or alarm remembers (across continue-as-new). */
export const REMEMBERED_REQUESTS = 100;

export type AppliedRequests = Array<{ requestId: string; version: number }>;

/** The version a request produced, if it was applied before. */
export const appliedBefore = (applied: AppliedRequests, requestId: string | undefined) =>
  requestId ? applied.find((a) => a.requestId === requestId)?.version : undefined;

/** The applied requests with this one added (the oldest forgotten past the limit). */
export const remember = (
  applied: AppliedRequests,
  requestId: string | undefined,
  version: number,
): AppliedRequests =>
  requestId ? [...applied, { requestId, version }].slice(-REMEMBERED_REQUESTS) : applied;

/** Records a step's audit events, each keyed `subject@version:n`. */
export function auditRecorder(
  subjectId: string,
  version: number,
  effects: Array<{ type: string }>,
) {
  let n = 0;
  return (
    actor: { id: string; role: string },
    action: string,
    at: number,
    extra: { reason?: string; data?: AuditData } = {},
  ) => {
    effects.push(
      auditEvent(`${subjectId}@${version}:${n++}`, actor, action, at, extra) as ClockEffect,
    );
  };
}

/**
 * What writing a step answers. `written`: this step is in the read model (now, or by an earlier
 * attempt of the same step). Otherwise the read model already holds a later or different step at
 * this version, written by a workflow task that was lost before it completed (a local activity
 * writes before its decision is in the history): the workflow takes that step's state and decides
 * again from it, so what was written stands and nothing is decided twice at one version.
 */
export type StepOutcome<Model, Started = never> =
  { written: true } | { written: false; state: Model; version: number; starts: Started[] };
