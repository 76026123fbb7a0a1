// What the workflows' queries return about deadlines, escalations and history; shared by the
// alarm and case workflows.
import { ApplicationFailure } from '@temporalio/workflow';
import type { Actor } from '../domain/alarm';
import type { Period } from '../domain/deadline-policies';
import type { Explanation } from '../domain/deadlines';
import type { EscalationLevel } from '../domain/escalation';
import type { Labelled } from '../domain/labels';
import type { StepClockState } from './step-clock';

/**
 * Refuses an Update with the rule it broke. Every rule is checked twice: by the Update's validator,
 * before it is accepted, and again by its handler before it changes anything, because Updates
 * that arrive in the same workflow task all pass their validators before the first handler runs.
 * The failure is an ApplicationFailure so that it fails the Update: any other error thrown by a
 * handler fails the workflow task, which then retries forever and wedges the workflow.
 */
export function refuse(reason: string): never {
  throw ApplicationFailure.create({ type: 'ActionRefused', message: reason, nonRetryable: true });
}

export const refuseIf = (reason: string | undefined): void => {
  if (reason) refuse(reason);
};

export interface DeadlineView extends StepClockState {
  policy: Labelled;
  ownerRole: string;
  explanation: Explanation[];
  warnings: Explanation[];
  /** Case workflows: what the clock belongs to, and how it was computed. */
  scope?: 'STAGE' | 'CASE' | 'MEASURE';
  variant?: string;
  custody?: boolean;
  extensions?: Period[];
  pauses?: Array<{ from: number; to: number; reason: string }>;
}

export interface EscalationView {
  taskId: string;
  level: Labelled<EscalationLevel>;
  role: string;
  firedAt: number;
  acknowledged?: { by: string; at: number; note?: string };
}

export interface HistoryEntry {
  at: number;
  action: string;
  actor: string;
  role: string;
  reason?: string;
}

export interface AcknowledgeRequest {
  actor: Actor;
  at: number;
  taskId: string;
  level: EscalationLevel;
  note?: string;
}

/** Marks a fired escalation acknowledged and records the leader's answer (the validator checked it). */
export async function acknowledge(
  escalations: EscalationView[],
  request: AcknowledgeRequest,
  answerEscalation: (input: {
    taskId: string;
    level: EscalationLevel;
    answer: string;
    answeredAt: number;
  }) => Promise<void>,
): Promise<void> {
  const escalation = escalations.find(
    (e) => e.taskId === request.taskId && e.level.code === request.level,
  )!;
  escalation.acknowledged = {
    by: request.actor.id,
    at: request.at,
    ...(request.note ? { note: request.note } : {}),
  };
  await answerEscalation({
    taskId: request.taskId,
    level: request.level,
    answer: 'ACKNOWLEDGED',
    answeredAt: request.at,
  });
}
