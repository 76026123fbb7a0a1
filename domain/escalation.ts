// 超期预警与督办: the escalation ladder of one open step, and what a leader may extend.
// A reminder to the owner at a share of the time; at the deadline the first leader level and the
// step is overdue (超期); after a grace the second level, where the ladder has one. Each fires once
// per step instance.
import {
  REMINDER_SHARE,
  type DeadlinePolicy,
  type ExtensionStep,
  type Period,
} from './deadline-policies';
import { describePeriod } from './deadlines';
import { ROLES, type Role } from './roles';

export type EscalationLevel = 'REMINDER' | 'FIRST_LEVEL' | 'SECOND_LEVEL';

export const ESCALATION_LEVELS: Record<EscalationLevel, string> = {
  REMINDER: '到期提醒',
  FIRST_LEVEL: '超期督办（一级）',
  SECOND_LEVEL: '超期督办（二级）',
};

export interface EscalationRung {
  level: EscalationLevel;
  at: number;
  /** Who is told: the step's owner for the reminder, then the leader levels. */
  role: Role;
}

const FIXED_MS: Record<string, number> = {
  SECONDS: 1000,
  MINUTES: 60_000,
  HOURS: 3_600_000,
  DAYS: 86_400_000,
};

/** The natural length of a grace period (graces are counted in natural time). */
export function graceMillis(period: Period): number {
  const unit = FIXED_MS[period.unit];
  if (unit === undefined)
    throw new Error(
      `A grace period must be in seconds, minutes, hours or days, not ${period.unit}.`,
    );
  return period.length * unit;
}

/**
 * The rungs, in order, for a step opened at `openedAt` and due at `dueAt`: the reminder, the
 * first level, and the second where the policy's ladder has one.
 */
export function escalationLadder(
  policy: DeadlinePolicy,
  openedAt: number,
  dueAt: number,
  reminderShare = REMINDER_SHARE,
): EscalationRung[] {
  const [first, second] = policy.escalatesTo;
  return [
    {
      level: 'REMINDER',
      at: openedAt + Math.round((dueAt - openedAt) * reminderShare),
      role: policy.owner,
    },
    { level: 'FIRST_LEVEL', at: dueAt, role: first },
    ...(second
      ? [{ level: 'SECOND_LEVEL' as const, at: dueAt + graceMillis(policy.grace), role: second }]
      : []),
  ];
}

/** The next extension a step may get, its cap and its approver; undefined once none is left. */
export const nextExtension = (
  policy: DeadlinePolicy,
  grantedSoFar: number,
): ExtensionStep | undefined => policy.extensions[grantedSoFar];

/**
 * Why an extension may not be granted, or undefined when it may: the law caps how many extensions
 * a step gets, how much each adds, and who approves each.
 */
export function extensionRefusal(
  policy: DeadlinePolicy,
  grantedSoFar: number,
  requested: Period,
  approverRole: Role,
): string | undefined {
  const step = nextExtension(policy, grantedSoFar);
  if (policy.extensions.length === 0) return `${policy.name} (${policy.label}) cannot be extended.`;
  if (!step) {
    return `${policy.name} (${policy.label}) may be extended at most ${policy.extensions.length} time(s); ${grantedSoFar} already granted.`;
  }
  if (approverRole !== step.approverRole) {
    return `Extension ${grantedSoFar + 1} of ${policy.name} must be approved by ${step.approverRole} (${ROLES[step.approverRole]}), not ${approverRole}.`;
  }
  const cap = describePeriod(step.upTo).en;
  if (
    requested.unit !== step.upTo.unit ||
    (requested.calendar ?? 'NATURAL') !== (step.upTo.calendar ?? 'NATURAL')
  ) {
    return `Extension ${grantedSoFar + 1} of ${policy.name} is counted in ${cap.replace(/^\d+ /, '')}, not ${describePeriod(requested).en.replace(/^\d+ /, '')}.`;
  }
  if (!Number.isInteger(requested.length) || requested.length < 1) {
    return `An extension must be a whole number of at least 1, not ${requested.length}.`;
  }
  if (requested.length > step.upTo.length) {
    return `Extension ${grantedSoFar + 1} of ${policy.name} may add at most ${cap}, not ${describePeriod(requested).en}.`;
  }
  return undefined;
}

/** The leaders who answer a case's escalations (reassign, order an action). */
export const CASE_LEADERS: readonly Role[] = ['UNIT_LEADER', 'BUREAU_LEADER'];

export interface FiredEscalation {
  taskId: string;
  level: { code: EscalationLevel };
  role: string;
  acknowledged?: unknown;
}

/** How a leader answers an escalation: a plain acknowledgement, or the decision they took on it. */
export type EscalationAnswer = 'ACKNOWLEDGED' | 'EXTENDED' | 'REASSIGNED' | 'ORDERED';

/**
 * Why a leader may not answer this escalation, or undefined. An escalation is answered once. An
 * acknowledgement comes from the role it went to; a decision (extend, reassign, order) is governed
 * by that decision's own rule of who may take it, so a higher leader may answer for the unit's.
 */
export function acknowledgeRefusal(
  escalations: readonly FiredEscalation[],
  request: { taskId: string; level: EscalationLevel; actor: { role: Role } },
  answer: EscalationAnswer = 'ACKNOWLEDGED',
): string | undefined {
  const escalation = escalations.find(
    (e) => e.taskId === request.taskId && e.level.code === request.level,
  );
  if (!escalation) return `No ${request.level} escalation has fired for task ${request.taskId}.`;
  if (escalation.acknowledged) return 'This escalation has already been answered.';
  if (answer === 'ACKNOWLEDGED' && escalation.role !== request.actor.role) {
    return `This escalation went to ${escalation.role}; ${request.actor.role} cannot acknowledge it.`;
  }
  return undefined;
}

/** Why this reassignment may not be made, or undefined. */
export function reassignRefusal(
  currentHandlerId: string,
  request: { actor: { role: Role }; handlerId?: string; reason?: string },
): string | undefined {
  if (!CASE_LEADERS.includes(request.actor.role)) {
    return `A case is reassigned by ${CASE_LEADERS.join(' or ')}, not ${request.actor.role}.`;
  }
  if (!request.handlerId?.trim()) return 'Reassignment requires handlerId, the new handler.';
  if (!request.reason?.trim()) return 'Reassignment requires a reason.';
  if (request.handlerId === currentHandlerId)
    return `${request.handlerId} already handles this case.`;
  return undefined;
}

/** Why this order may not be given, or undefined. */
export function orderRefusal(request: {
  actor: { role: Role };
  instruction?: string;
}): string | undefined {
  if (!CASE_LEADERS.includes(request.actor.role)) {
    return `Actions are ordered by ${CASE_LEADERS.join(' or ')}, not ${request.actor.role}.`;
  }
  if (!request.instruction?.trim()) return 'An order requires an instruction.';
  return undefined;
}
