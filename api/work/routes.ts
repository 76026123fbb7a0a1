// The caller's own work: open tasks ordered by due time, and the escalation inbox with its
// answers (acknowledge; decide: extend the deadline, reassign the case, order an action).
import { Router } from 'express';
import { z } from 'zod';
import { rolesForCase, rolesForUnit, STAFF_ROLES, type Principal } from '../../domain/access';
import type { CaseCommand } from '../../domain/case-decider';
import {
  DEADLINE_POLICIES,
  isPolicyCode,
  resolvePolicy,
  type PolicyOverrides,
} from '../../domain/deadline-policies';
import { reassignmentTargetRefusal } from '../../domain/directory';
import { describePeriod } from '../../domain/deadlines';
import { extensionApproval } from '../../domain/approvals';
import { CASE_LEADERS, nextExtension } from '../../domain/escalation';
import { role, type Role } from '../../domain/roles';
import type { EscalationLevel } from '../../domain/escalation';
import { alarmCommandUpdate } from '../../workflows/alarm';
import { infoRequestCommandUpdate } from '../../workflows/info-request';
import { matterCommandUpdate } from '../../workflows/litigation';
import { acknowledgeEscalationUpdate } from '../../workflows/alarm-v1';
import type { Escalation, Task } from '../../generated/prisma/client';
import type { ApiDeps } from '../deps';
import { sendCaseCommand } from '../cases/commands';
import { reassignmentTarget } from '../directory/read-model';
import { refuseIfDisposed } from '../alarms/read-model';
import { callWithin, executeWithin } from '../workflow-call';
import { actAs, operation, type OperationContext } from '../operation';
import { HttpProblem, notInScope } from '../problem';
import { subjectLink, taskPolicy, taskSubject } from '../read-model/tasks';
import { workForRoles } from '../scope';
import { text } from '../schemas';
import { period } from '../deadlines/routes';

const ID = '(case|alarm|info|lit)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
export const escalationParams = z.strictObject({
  id: z
    .string()
    .regex(
      new RegExp(`^${ID}:[A-Z_]+(:\\d+)?:(REMINDER|FIRST_LEVEL|SECOND_LEVEL)$`),
      'must be an escalation id such as case-<uuid>:FILING_REVIEW:1:FIRST_LEVEL',
    ),
});

export const inboxQuery = z.strictObject({
  state: z.enum(['open', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export const acknowledgeBody = z.strictObject({ note: text(2000).optional() });

export const decisionBody = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('EXTEND'), by: period, reason: text(2000) }),
  z.strictObject({ decision: z.literal('REASSIGN'), handlerId: text(100), reason: text(2000) }),
  z.strictObject({ decision: z.literal('ORDER'), instruction: text(2000) }),
]);

export const tasksQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/**
 * The extension a leader may still grant on a task: how much at most, approved by whom, under the
 * policy as it applies here (a drill's or a test's shortened clocks extend in their own units).
 */
function extensionOffer(
  task: { step: string; extensions: unknown },
  overrides: PolicyOverrides | undefined,
) {
  if (!isPolicyCode(task.step)) return null;
  // Extended on the handler's proposal, approved in its chain (审批), not on the escalation.
  if (extensionApproval(task.step)) return null;
  const granted = Array.isArray(task.extensions) ? task.extensions.length : 0;
  const next = nextExtension(resolvePolicy(task.step, overrides), granted);
  return next
    ? { upTo: next.upTo, cap: describePeriod(next.upTo), approverRole: role(next.approverRole) }
    : null;
}

/** An open step as My work lists it. */
export function workItemView(t: Task, at: number) {
  return {
    id: t.id,
    step: {
      code: t.step,
      label: isPolicyCode(t.step) ? DEADLINE_POLICIES[t.step].label : t.step,
    },
    ownerRole: t.ownerRole,
    unitId: t.unitId,
    openedAt: t.openedAt,
    dueAt: t.dueAt,
    overdue: t.overdue || t.dueAt.getTime() < at,
    links: { subject: subjectLink(taskSubject(t)) },
  };
}

/** An escalation as the inbox lists it, with the extension a leader may still grant. */
export function inboxItemView(
  e: Escalation & { task: Task },
  overrides: PolicyOverrides | undefined,
) {
  return {
    id: e.id,
    level: e.level,
    targetRole: e.targetRole,
    firedAt: e.firedAt,
    answeredAt: e.answeredAt,
    answer: e.answer,
    task: {
      id: e.task.id,
      step: e.task.step,
      policy: taskPolicy(e.task),
      unitId: e.task.unitId,
      openedAt: e.task.openedAt,
      dueAt: e.task.dueAt,
      completedAt: e.task.completedAt,
    },
    extension: extensionOffer(e.task, overrides),
    links: {
      subject: subjectLink(taskSubject(e.task)),
      acknowledge: `/escalations/${e.id}/acknowledgement`,
      ...(e.task.caseId ? { decide: `/escalations/${e.id}/decision` } : {}),
    },
  };
}

/** The escalation, its task, and the roles under which the caller may answer for it. */
async function escalationInScope(deps: ApiDeps, principal: Principal, id: string) {
  const escalation = await deps.prisma.escalation.findUnique({
    where: { id },
    include: { task: { include: { case: true, alarm: true } } },
  });
  if (!escalation) throw notInScope('escalation', id);
  const task = escalation.task;
  const roles: Role[] = task.case
    ? rolesForCase(principal, task.case)
    : rolesForUnit(principal, task.unitId);
  if (roles.length === 0) throw notInScope('escalation', id);
  return { escalation, task, roles };
}

async function acknowledge(
  deps: ApiDeps,
  ctx: OperationContext<unknown, unknown, unknown>,
  found: Awaited<ReturnType<typeof escalationInScope>>,
  note: string | undefined,
  updateId: string | undefined,
) {
  const { escalation, task, roles } = found;
  const role = actAs(ctx, roles, [escalation.targetRole as Role], 'Acknowledging this escalation');
  const request = {
    actor: { id: ctx.principal.id, role },
    at: ctx.at,
    taskId: task.id,
    level: escalation.level as EscalationLevel,
    ...(note ? { note } : {}),
  };
  if (task.case) {
    await sendCaseCommand(deps, task.case, roles, { type: 'ACKNOWLEDGE', ...request }, updateId);
    return;
  }
  const subject = taskSubject(task);
  if (subject.type === 'INFO_REQUEST' || subject.type === 'LITIGATION') {
    const command = { type: 'ACKNOWLEDGE' as const, ...request };
    if (subject.type === 'LITIGATION')
      await executeWithin(deps, subject.id, matterCommandUpdate, command, updateId);
    else await executeWithin(deps, subject.id, infoRequestCommandUpdate, command, updateId);
    return;
  }
  const alarm = task.alarm!;
  refuseIfDisposed(alarm);
  if (alarm.version > 0) {
    await executeWithin(
      deps,
      alarm.id,
      alarmCommandUpdate,
      { type: 'ACKNOWLEDGE', ...request },
      updateId,
    );
    return;
  }
  // An alarm registered on the first engine answers its own Update.
  await callWithin(deps, alarm.id, () =>
    deps.temporal.workflow.getHandle(alarm.id).executeUpdate(acknowledgeEscalationUpdate, {
      args: [request],
      ...(updateId ? { updateId } : {}),
    }),
  );
}

export function workRoutes(deps: ApiDeps) {
  const router = Router();

  operation(
    router,
    deps,
    {
      id: 'task.mine',
      method: 'get',
      path: '/me/tasks',
      summary:
        'Your open work: the steps you own or your role holds in your scope, soonest due first',
      roles: STAFF_ROLES,
      query: tasksQuery,
      success: { 200: '{ items }' },
    },
    async ({ principal, query, at }) => {
      const work = workForRoles(principal);
      const tasks = await deps.prisma.task.findMany({
        where: {
          completedAt: null,
          OR: work.map((w) => ({ ownerRole: w.role, ...w.task })),
        },
        orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
        take: query.limit,
      });
      return {
        body: {
          items: tasks.map((t) => workItemView(t, at)),
        },
      };
    },
  );

  operation(
    router,
    deps,
    {
      id: 'escalation.inbox',
      method: 'get',
      path: '/me/escalations',
      summary: 'Your escalation inbox: steps gone overdue that went to your role in your scope',
      roles: STAFF_ROLES,
      query: inboxQuery,
      success: { 200: '{ items }' },
    },
    async ({ principal, query }) => {
      const work = workForRoles(principal);
      const rows = await deps.prisma.escalation.findMany({
        where: {
          ...(query.state === 'open' ? { answeredAt: null } : {}),
          OR: work.map((w) => ({ targetRole: w.role, task: w.task })),
        },
        include: { task: true },
        orderBy: [{ firedAt: 'desc' }, { id: 'asc' }],
        take: query.limit,
      });
      return {
        body: {
          items: rows.map((e) => inboxItemView(e, deps.policyOverrides)),
        },
      };
    },
  );

  operation(
    router,
    deps,
    {
      id: 'escalation.acknowledge',
      method: 'post',
      path: '/escalations/:id/acknowledgement',
      summary: 'Acknowledge an escalation that went to your role (with an optional note)',
      roles: STAFF_ROLES,
      params: escalationParams,
      body: acknowledgeBody,
      success: { 200: '{ id, acknowledged: true }' },
      errors: [404, 422, 503],
    },
    async (ctx) => {
      const found = await escalationInScope(deps, ctx.principal, ctx.params.id);
      ctx.about(taskSubject(found.task));
      await acknowledge(deps, ctx, found, ctx.body.note, ctx.actionId);
      return { body: { id: ctx.params.id, acknowledged: true } };
    },
  );

  operation(
    router,
    deps,
    {
      id: 'escalation.decide',
      method: 'post',
      path: '/escalations/:id/decision',
      summary:
        "Decide on a case's escalation: EXTEND its deadline, REASSIGN the case, or ORDER an action",
      roles: ['UNIT_LEADER', 'BUREAU_LEADER', 'PROSECUTOR'],
      params: escalationParams,
      body: decisionBody,
      success: { 200: "{ id, decision, case: the case's new state }" },
      errors: [404, 409, 422, 503],
    },
    async (ctx) => {
      const found = await escalationInScope(deps, ctx.principal, ctx.params.id);
      const { task, roles } = found;
      if (!task.case) {
        throw new HttpProblem(
          409,
          'Not a case escalation',
          'An alarm escalation can only be acknowledged; decisions are taken on cases.',
        );
      }
      ctx.about({ type: 'CASE', id: task.case.id });
      const body = ctx.body;
      const at = ctx.at;
      const actor = (role: Role) => ({ id: ctx.principal.id, role });
      // The decision answers the escalation in the same step: two leaders deciding at once get
      // one decision applied and one refusal, and an answered escalation is not decided again.
      const answers = { taskId: task.id, level: found.escalation.level as EscalationLevel };
      let command: CaseCommand;
      if (body.decision === 'EXTEND') {
        const policy = isPolicyCode(task.step) ? DEADLINE_POLICIES[task.step] : undefined;
        const approvers = [...new Set((policy?.extensions ?? []).map((e) => e.approverRole))];
        const role = actAs(ctx, roles, approvers, `Extending ${task.step}`);
        command = {
          type: 'EXTEND',
          actor: actor(role),
          at,
          answers,
          taskId: task.id,
          by: body.by,
          reason: body.reason,
        };
      } else if (body.decision === 'REASSIGN') {
        const role = actAs(ctx, roles, CASE_LEADERS, 'Reassigning a case');
        const target = await reassignmentTarget(deps.prisma, body.handlerId);
        const refusal = reassignmentTargetRefusal(target, task.case.unitId);
        if (refusal) {
          throw new HttpProblem(422, 'Action refused', refusal, [
            { field: 'body.handlerId', rule: refusal },
          ]);
        }
        command = {
          type: 'REASSIGN',
          actor: actor(role),
          at,
          answers,
          handlerId: body.handlerId,
          reason: body.reason,
        };
      } else {
        const role = actAs(ctx, roles, CASE_LEADERS, 'Ordering an action');
        command = { type: 'ORDER', actor: actor(role), at, answers, instruction: body.instruction };
      }
      const { view: state } = await sendCaseCommand(deps, task.case, roles, command, ctx.actionId);
      return { body: { id: ctx.params.id, decision: body.decision, case: state } };
    },
  );

  return router;
}
