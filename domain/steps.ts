// What every decider's step shares: the audit events it records, keyed by the subject and the
// version the step makes, and the requests it remembers so that a retry acts once.
import {
  auditEvent,
  ClockKeeper,
  withEscalationAudits,
  type AuditData,
  type ClockBook,
  type ClockEffect,
} from './clocks';
import { resolvePolicy, type PolicyCode, type PolicyOverrides } from './deadline-policies';
import { formatShanghai } from './deadlines';
import type { Role } from './roles';

/** What a workflow's steps are about: the subject of its tasks, notifications and audit chain. */
export type SubjectType = 'CASE' | 'ALARM' | 'INFO_REQUEST' | 'LITIGATION';

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

/** What a subject decided by its own pure decider keeps beside its clocks. */
export interface DecidedModel extends ClockBook {
  version: number;
  applied: AppliedRequests;
  /** The latest event's instant: a later one may not be dated before it. */
  lastEventAt: number;
  policyOverrides?: PolicyOverrides;
}

/** A decided step: the state it makes and its effects, or a duplicate, or the rule that refuses. */
export type Decision<Model> =
  | { ok: true; duplicate: false; state: Model; effects: ClockEffect[] }
  | { ok: true; duplicate: true; version: number }
  | { ok: false; reason: string };

/**
 * One transition of a subject (an information request, a reconsideration or lawsuit): a copy of
 * its state at the next version, the effects, its clocks and its audit events.
 */
export class SubjectTransition<Model extends DecidedModel> {
  readonly state: Model;
  readonly effects: ClockEffect[] = [];
  readonly clocks: ClockKeeper;
  readonly audit: ReturnType<typeof auditRecorder>;

  constructor(previous: Model, subjectId: string) {
    this.state = JSON.parse(JSON.stringify(previous)) as Model;
    this.state.version += 1;
    this.audit = auditRecorder(subjectId, this.state.version, this.effects);
    this.clocks = new ClockKeeper(this.state, subjectId, this.policy, this.effects);
  }

  readonly policy = (code: PolicyCode) => resolvePolicy(code, this.state.policyOverrides);

  done(): { state: Model; effects: ClockEffect[] } {
    return { state: this.state, effects: withEscalationAudits(this.effects) as ClockEffect[] };
  }
}

/** A leader's answer to an escalation of one of the subject's clocks, audited; why not, if refused. */
export function acknowledgeWith<Model extends DecidedModel>(
  t: SubjectTransition<Model>,
  command: Parameters<ClockKeeper['acknowledge']>[0] & { note?: string },
): string | undefined {
  const refusal = t.clocks.acknowledge(command);
  if (refusal) return refusal;
  t.audit(command.actor as { id: string; role: string }, 'ESCALATION_ACKNOWLEDGED', command.at, {
    reason: command.note,
    data: { taskId: command.taskId, level: command.level },
  });
  return undefined;
}

/**
 * Decides one command: a request applied before answers its version; otherwise `apply` changes
 * the transition or says why not, and the request is remembered with the version it made.
 */
export function decideWith<Model extends DecidedModel, T extends SubjectTransition<Model>>(
  state: Model,
  requestId: string | undefined,
  transition: () => T,
  apply: (t: T) => string | undefined,
): Decision<Model> {
  const seen = appliedBefore(state.applied, requestId);
  if (seen !== undefined) return { ok: true, duplicate: true, version: seen };
  const t = transition();
  const refusal = apply(t);
  if (refusal) return { ok: false, reason: refusal };
  t.state.applied = remember(t.state.applied, requestId, t.state.version);
  return { ok: true, duplicate: false, ...t.done() };
}

/** Fires every rung due by `at`; nothing when none is due. */
export function rungsDueWith<Model extends DecidedModel>(
  t: SubjectTransition<Model>,
  at: number,
): { state: Model; effects: ClockEffect[] } | undefined {
  return t.clocks.fireDue(at) ? t.done() : undefined;
}

const iso = (at: number) => new Date(at).toISOString();

/**
 * Why an event dated `occurredAt` may not be recorded at `at`: in the future, or before the
 * event it follows (named in `after`).
 */
export function eventTimeRefusal(
  what: string,
  occurredAt: number,
  at: number,
  after: { at: number; what: string },
): string | undefined {
  if (occurredAt > at)
    return `${what} (${iso(occurredAt)}) is in the future; record it once it has happened.`;
  if (occurredAt < after.at)
    return `${what} (${iso(occurredAt)}) is before ${after.what} (${formatShanghai(after.at)}).`;
  return undefined;
}

/** A command to a decided subject: who, when it was recorded, and when it happened if earlier. */
export interface DecidedCommand {
  actor: { id: string; role: Role };
  /** When it was recorded, stamped by the API. */
  at: number;
  /** When it happened, if earlier than its recording. */
  occurredAt?: number;
  requestId?: string;
}

/** Why `what` may not be recorded in stage `stage` (allowed in `stages`), or undefined. */
export function stageRefusal<Stage extends string>(
  stage: Stage,
  stages: readonly Stage[],
  labels: Record<Stage, string>,
  what: string,
  subject: string,
): string | undefined {
  return stages.includes(stage)
    ? undefined
    : `${what} is recorded while the ${subject} is ${stages.map((x) => `${x} (${labels[x]})`).join(' or ')}; it is ${stage} (${labels[stage]}).`;
}

/**
 * A recorded event on a decided subject, checked in the order every such subject checks it: who
 * may record it, whether the subject is still open, and its date (not in the future, not before
 * the last event); then `decide` takes it, and its date becomes the last event's.
 */
export function recordEvent<Model extends DecidedModel>(
  t: SubjectTransition<Model>,
  command: DecidedCommand,
  checks: { label: string; roleRefusal?: string; closedRefusal?: string; subject: string },
  decide: (when: number) => string | undefined,
): string | undefined {
  if (checks.roleRefusal) return checks.roleRefusal;
  if (checks.closedRefusal) return checks.closedRefusal;
  const when = command.occurredAt ?? command.at;
  const timing = eventTimeRefusal(checks.label, when, command.at, {
    at: t.state.lastEventAt,
    what: `the last event recorded on this ${checks.subject}`,
  });
  if (timing) return timing;
  const refusal = decide(when);
  if (refusal) return refusal;
  t.state.lastEventAt = when;
  return undefined;
}
