// How a case's or an alarm's tasks (its deadlines) and their escalations read, from the rows the
// engine writes with every step.
import type { Pause } from '../../domain/clocks';
import { DEADLINE_POLICIES, isPolicyCode, type Period } from '../../domain/deadline-policies';
import type { Explanation } from '../../domain/deadlines';
import {
  ESCALATION_LEVELS,
  type EscalationLevel,
  type EscalationRung,
} from '../../domain/escalation';
import type { SubjectType } from '../../domain/steps';
import type { Escalation, Task } from '../../generated/prisma/client';

/** Where each kind of subject is read in the API. */
export const SUBJECT_PATHS: Record<SubjectType, string> = {
  CASE: '/cases',
  ALARM: '/alarms',
  INFO_REQUEST: '/info-requests',
  LITIGATION: '/litigation',
};

/** The case, alarm, information request or matter a task belongs to. */
export function taskSubject(
  t: Pick<Task, 'caseId' | 'alarmId' | 'infoRequestId' | 'litigationMatterId'>,
): { type: SubjectType; id: string } {
  if (t.caseId) return { type: 'CASE', id: t.caseId };
  if (t.infoRequestId) return { type: 'INFO_REQUEST', id: t.infoRequestId };
  if (t.litigationMatterId) return { type: 'LITIGATION', id: t.litigationMatterId };
  return { type: 'ALARM', id: t.alarmId! };
}

/** The API's address of a task's subject. */
export const subjectLink = (subject: { type: SubjectType; id: string }) =>
  `${SUBJECT_PATHS[subject.type]}/${subject.id}`;

/** An instant as ISO text; a missing one stays missing. */
export function iso(date: Date): string;
export function iso(date: Date | null): string | undefined;
export function iso(date: Date | null) {
  return date ? date.toISOString() : undefined;
}

/** Tasks with their escalations, oldest first: what a case's or an alarm's read includes. */
export const TASKS_WITH_ESCALATIONS = {
  orderBy: [{ openedAt: 'asc' as const }, { id: 'asc' as const }],
  include: { escalations: { orderBy: { firedAt: 'asc' as const } } },
};

/** A task's policy with its label (tasks written by the first engine carry no label). */
export const taskPolicy = (task: { step: string; policyLabel: string | null }) => ({
  code: task.step,
  label:
    task.policyLabel ?? (isPolicyCode(task.step) ? DEADLINE_POLICIES[task.step].label : task.step),
});

export function deadlineView(t: Task & { escalations: Escalation[] }) {
  return {
    taskId: t.id,
    policyCode: t.step,
    policy: taskPolicy(t),
    scope: t.scope,
    ownerRole: t.ownerRole,
    ownerId: t.ownerId,
    openedAt: iso(t.openedAt),
    dueAt: iso(t.dueAt),
    ...(t.completedAt ? { completedAt: iso(t.completedAt) } : {}),
    overdue: t.overdue,
    ...(t.variant ? { variant: t.variant } : {}),
    rungs: (t.rungs ?? []) as unknown as EscalationRung[],
    fired: t.escalations.map((e) => e.level),
    explanation: (t.explanation ?? []) as unknown as Explanation[],
    warnings: (t.warnings ?? []) as unknown as Explanation[],
    extensions: (t.extensions ?? []) as unknown as Period[],
    pauses: (t.pauses ?? []) as unknown as Pause[],
  };
}

export function escalationViews(tasks: Array<Task & { escalations: Escalation[] }>) {
  return tasks.flatMap((t) =>
    t.escalations.map((e) => ({
      id: e.id,
      taskId: t.id,
      level: { code: e.level, label: ESCALATION_LEVELS[e.level as EscalationLevel] },
      role: e.targetRole,
      firedAt: iso(e.firedAt),
      late: e.late,
      ...(e.answeredAt ? { answer: e.answer, answeredAt: iso(e.answeredAt) } : {}),
    })),
  );
}
