import type { ClockEffect, TaskRecord } from '../../../domain/clocks';
import { notificationsOf, TASK_OWNER } from '../../../domain/notifications';

const task = { taskId: 'c-1:FILING_REVIEW:1', ownerRole: 'HANDLER', policyLabel: '刑事立案审查' };

it.each<[string, ClockEffect, object[]]>([
  [
    'a new step tells whoever holds its owner role over it',
    { type: 'TASK_OPENED', task: task as unknown as TaskRecord },
    [{ kind: 'TASK_OPENED', role: 'HANDLER', taskId: task.taskId, title: '新待办：刑事立案审查' }],
  ],
  [
    'an escalation tells the role it went to',
    {
      type: 'ESCALATION_FIRED',
      taskId: task.taskId,
      level: 'FIRST_LEVEL',
      targetRole: 'UNIT_LEADER',
      dueAt: 0,
      late: false,
    },
    [{ kind: 'ESCALATED', role: 'UNIT_LEADER', taskId: task.taskId, title: '超期督办（一级）' }],
  ],
  [
    'a rung recorded only at a late completion says so',
    {
      type: 'ESCALATION_FIRED',
      taskId: task.taskId,
      level: 'SECOND_LEVEL',
      targetRole: 'BUREAU_LEADER',
      dueAt: 0,
      late: true,
    },
    [{ kind: 'ESCALATED', role: 'BUREAU_LEADER', title: '超期督办（二级）（补记）' }],
  ],
  [
    "a leader's answer tells the owner of the escalated step, whatever their role",
    {
      type: 'ESCALATION_ANSWERED',
      taskId: task.taskId,
      level: 'FIRST_LEVEL',
      answer: 'EXTENDED',
      answeredAt: 0,
    },
    [{ kind: 'ESCALATION_ANSWERED', role: TASK_OWNER, title: '超期督办（一级）已延长期限' }],
  ],
  [
    'a completed step tells nobody',
    { type: 'TASK_COMPLETED', taskId: task.taskId, completedAt: 0 },
    [],
  ],
])('%s', (_, effect, expected) => {
  const drafts = notificationsOf([effect]);
  expect(drafts).toHaveLength(expected.length);
  drafts.forEach((draft, i) => expect(draft).toMatchObject(expected[i]!));
});
