// What a step tells people (消息): a new task to whoever will work on it, an escalation to the role
// it went to, a leader's answer to the owner of the escalated step. Each is for a role over one
// task, so it reaches exactly the people whose work or inbox shows that task.
import type { ClockEffect } from './clocks';
import { ESCALATION_LEVELS, type EscalationAnswer, type EscalationLevel } from './escalation';

export const NOTIFICATION_KINDS = {
  TASK_OPENED: '新待办',
  ESCALATED: '督办',
  ESCALATION_ANSWERED: '督办已处理',
} as const;
export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

/** For whoever owns the task (its owner role, in that role's scope), whatever the role is. */
export const TASK_OWNER = 'OWNER';

export interface NotificationDraft {
  kind: NotificationKind;
  /** A role code, or TASK_OWNER. */
  role: string;
  taskId: string;
  title: string;
}

const ANSWERS: Record<EscalationAnswer, string> = {
  ACKNOWLEDGED: '已签收',
  EXTENDED: '已延长期限',
  REASSIGNED: '已改派',
  ORDERED: '已下达督办指令',
};

const answerLabel = (answer: string) => ANSWERS[answer as EscalationAnswer] ?? answer;

/** The notifications a step's effects make (none for the rest of its effects). */
export function notificationsOf(effects: ReadonlyArray<{ type: string }>): NotificationDraft[] {
  return (effects as ClockEffect[]).flatMap((effect): NotificationDraft[] => {
    switch (effect.type) {
      case 'TASK_OPENED':
        return [
          {
            kind: 'TASK_OPENED',
            role: effect.task.ownerRole,
            taskId: effect.task.taskId,
            title: `${NOTIFICATION_KINDS.TASK_OPENED}：${effect.task.policyLabel}`,
          },
        ];
      case 'ESCALATION_FIRED':
        return [
          {
            kind: 'ESCALATED',
            role: effect.targetRole,
            taskId: effect.taskId,
            title:
              ESCALATION_LEVELS[effect.level as EscalationLevel] + (effect.late ? '（补记）' : ''),
          },
        ];
      case 'ESCALATION_ANSWERED':
        return [
          {
            kind: 'ESCALATION_ANSWERED',
            role: TASK_OWNER,
            taskId: effect.taskId,
            title: `${ESCALATION_LEVELS[effect.level as EscalationLevel]}${answerLabel(effect.answer)}`,
          },
        ];
      default:
        return [];
    }
  });
}
