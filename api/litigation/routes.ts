// Reconsiderations and lawsuits against the bureau's decisions (行政复议/行政诉讼): the legal office
// (or the case centre) registers one when the copy of the application or complaint arrives (its
// workflow starts the reply's or the defence's clock), lists and reads them, and records the reply
// or defence submitted, each court session with who appeared, the outcome, and its performance.
import { Router } from 'express';
import {
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
} from '@temporalio/client';
import { z } from 'zod';
import { rolesForUnit } from '../../domain/access';
import {
  contestedDecisionRefusal,
  copyReceivedRefusal,
  MATTER_ACTIONS,
  MATTER_KINDS,
  MATTER_READERS,
  MATTER_STAGES,
  OUTCOMES,
  type MatterAction,
  type NewMatter,
} from '../../domain/litigation';
import type { MatterCommand } from '../../domain/litigation-decider';
import { unitTreeWhere } from '../../platform/unit-tree';
import {
  litigationWorkflow,
  matterCommandUpdate,
  matterOpenedUpdate,
} from '../../workflows/litigation';
import {
  commandRoute,
  instantOf,
  type CommandRoute,
  type DecidedSubjectRoutes,
} from '../decided-commands';
import type { ApiDeps } from '../deps';
import { operation } from '../operation';
import { HttpProblem, notInScope } from '../problem';
import { unitScopeWhere } from '../scope';
import { enumOf, idParams, instant, text, unitId } from '../schemas';
import { callWithin, workflowIdFor } from '../workflow-call';
import { matterInScope, matterListItem, matterView, readMatter } from './read-model';

export const createMatterBody = z.strictObject({
  kind: enumOf(MATTER_KINDS),
  /** The decision challenged: a case of this system (its unit is the matter's) … */
  caseId: idParams('case').shape.id.optional(),
  /** … or its document number (文书编号). */
  documentNumber: text(100).optional(),
  /** What was decided (给予行政拘留五日 …). */
  decisionSummary: text(500),
  /** 申请人 / 原告 */
  claimantName: text(100),
  /** The reconsideration organ (行政复议机关) or the court (人民法院). */
  forum: text(200),
  forumCaseNumber: text(100).optional(),
  /** 收到申请书副本/起诉状副本之日: the clock starts here. */
  copyReceivedAt: instant,
  /** The unit whose decision it is, when no case is named; the caller's own when not given. */
  unitId: unitId.optional(),
});

export const matterIdParams = idParams('lit');

export const matterListQuery = z.strictObject({
  kind: enumOf(MATTER_KINDS).optional(),
  /** AWAITING_PERFORMANCE: decided against the bureau (or mediated) and not yet carried out. */
  stage: enumOf(MATTER_STAGES).optional(),
  unit: unitId.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: instant.optional(),
});

const person = z.strictObject({ name: text(50), post: text(50) });

export const answerBody = z.strictObject({
  /** When the reply or defence with its evidence was submitted; now when not given. */
  submittedAt: instant.optional(),
  /** What was submitted (证据目录 …), for the file. */
  note: text(2000).optional(),
});
export const hearingBody = z.strictObject({
  hearingAt: instant,
  /** Whether the responsible leader (行政机关负责人) appeared in person. */
  leaderAppeared: z.boolean(),
  /** The responsible leader: who appeared, or who should have. */
  leader: person,
  /** The officer who appeared in the leader's place (相应的工作人员). */
  officer: person.optional(),
  /** Why the leader could not appear. */
  reason: text(1000).optional(),
});
export const outcomeBody = z.strictObject({
  outcome: enumOf(OUTCOMES),
  decidedAt: instant.optional(),
  /** 复议决定书/判决书/裁定书/调解书 number. */
  documentNumber: text(100).optional(),
  note: text(2000).optional(),
});
export const performanceBody = z.strictObject({
  carriedOutAt: instant.optional(),
  /** What was done (已撤销原处罚决定并退还罚款 …). */
  note: text(2000),
});

const badRequest = (field: string, rule: string) =>
  new HttpProblem(400, 'Invalid request', `${field}: ${rule}`, [{ field, rule }]);

export function litigationRoutes(deps: ApiDeps) {
  const router = Router();

  operation(
    router,
    deps,
    {
      id: 'litigation.create',
      method: 'post',
      path: '/litigation',
      summary:
        "Register a reconsideration (行政复议) or lawsuit (行政诉讼) against one of the bureau's decisions, from the copy's receipt: the reply's 10 working days (行政复议法 Art. 48, 88) or the defence's 15 days (行政诉讼法 Art. 67) start",
      roles: MATTER_ACTIONS.REGISTER.roles,
      body: createMatterBody,
      subject: 'LITIGATION',
      success: { 201: 'created; Location names the matter' },
      errors: [404, 422, 503],
    },
    async (ctx) => {
      const { principal, body, at, actionId } = ctx;
      const decision = {
        ...(body.caseId ? { caseId: body.caseId } : {}),
        ...(body.documentNumber ? { documentNumber: body.documentNumber } : {}),
        summary: body.decisionSummary,
      };
      const named = contestedDecisionRefusal(decision);
      if (named) throw badRequest('body.caseId', named);
      const received = copyReceivedRefusal(body.kind, Date.parse(body.copyReceivedAt), at);
      if (received) throw badRequest('body.copyReceivedAt', received);
      let unit = body.unitId ?? principal.unit!;
      if (body.caseId) {
        const found = await deps.prisma.case.findUnique({
          where: { id: body.caseId },
          select: { unitId: true, kind: true },
        });
        if (!found || rolesForUnit(principal, found.unitId).length === 0)
          throw notInScope('case', body.caseId);
        if (body.unitId && body.unitId !== found.unitId)
          throw badRequest(
            'body.unitId',
            `case ${body.caseId} belongs to ${found.unitId}: the matter is that unit's; leave unitId out.`,
          );
        const criminal = contestedDecisionRefusal(decision, found.kind);
        if (criminal) throw new HttpProblem(422, 'Action refused', criminal);
        unit = found.unitId;
      }
      const roles = rolesForUnit(principal, unit);
      if (roles.length === 0) {
        throw new HttpProblem(403, 'Out of scope', `Unit ${unit} is outside your scope.`);
      }
      ctx.res.locals.actingRole = roles[0];
      const matter: NewMatter = {
        matterId: workflowIdFor('lit', actionId),
        kind: body.kind,
        unitId: unit,
        decision,
        claimantName: body.claimantName,
        forum: body.forum,
        ...(body.forumCaseNumber ? { forumCaseNumber: body.forumCaseNumber } : {}),
        copyReceivedAt: Date.parse(body.copyReceivedAt),
        registeredAt: at,
        registeredBy: { id: principal.id, role: roles[0]! },
        ...(deps.policyOverrides ? { policyOverrides: deps.policyOverrides } : {}),
      };
      ctx.about({ type: 'LITIGATION', id: matter.matterId });
      try {
        await callWithin(deps, matter.matterId, () =>
          deps.temporal.workflow.executeUpdateWithStart(matterOpenedUpdate, {
            startWorkflowOperation: new WithStartWorkflowOperation(litigationWorkflow, {
              taskQueue: deps.taskQueue,
              workflowId: matter.matterId,
              args: [matter],
              workflowIdConflictPolicy: 'USE_EXISTING',
              workflowIdReusePolicy: 'REJECT_DUPLICATE',
            }),
          }),
        );
      } catch (error) {
        if (!(actionId && error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      }
      const record = await readMatter(deps.prisma, matter.matterId);
      return {
        status: 201,
        location: `/litigation/${matter.matterId}`,
        body: {
          id: matter.matterId,
          ...(record ? { state: matterView(record) } : {}),
          links: { self: `/litigation/${matter.matterId}` },
        },
      };
    },
  );

  operation(
    router,
    deps,
    {
      id: 'litigation.list',
      method: 'get',
      path: '/litigation',
      summary:
        'Reconsiderations and lawsuits in your scope, newest copy first (filter by kind, stage — AWAITING_PERFORMANCE lists the decisions not yet carried out — and unit; page with before)',
      roles: MATTER_READERS,
      query: matterListQuery,
      success: { 200: '{ items, nextBefore }' },
    },
    async ({ principal, query }) => {
      const rows = await deps.prisma.litigationMatter.findMany({
        where: {
          AND: [
            { OR: unitScopeWhere(principal) },
            ...(query.unit ? [{ OR: unitTreeWhere(query.unit) }] : []),
            ...(query.kind ? [{ kind: query.kind }] : []),
            ...(query.stage ? [{ stage: query.stage }] : []),
            ...(query.before ? [{ copyReceivedAt: { lt: new Date(query.before) } }] : []),
          ],
        },
        orderBy: [{ copyReceivedAt: 'desc' }, { id: 'desc' }],
        take: query.limit,
      });
      return {
        body: {
          items: rows.map(matterListItem),
          nextBefore:
            rows.length === query.limit
              ? rows[rows.length - 1]!.copyReceivedAt.toISOString()
              : null,
        },
      };
    },
  );

  operation(
    router,
    deps,
    {
      id: 'litigation.get',
      method: 'get',
      path: '/litigation/:id',
      summary:
        'A reconsideration or lawsuit: the decision challenged, the reply or defence, the court sessions and who appeared, the outcome and its performance, deadlines and escalations',
      roles: MATTER_READERS,
      params: matterIdParams,
      subject: 'LITIGATION',
      success: { 200: 'the matter' },
      errors: [404],
    },
    async ({ principal, params }) => {
      const { record } = await matterInScope(deps.prisma, principal, params.id);
      return { body: { id: params.id, state: matterView(record) } };
    },
  );

  type Action = Exclude<MatterAction, 'REGISTER'>;
  const subject: DecidedSubjectRoutes<Action, MatterCommand> = {
    operationPrefix: 'litigation',
    path: '/litigation',
    type: 'LITIGATION',
    params: matterIdParams,
    actions: MATTER_ACTIONS,
    update: matterCommandUpdate,
    inScope: async (id, principal) => {
      const { record, roles } = await matterInScope(deps.prisma, principal, id);
      return {
        roles,
        ...(record.stage === 'CLOSED'
          ? {
              ended: `Matter ${record.id} is CLOSED (${MATTER_STAGES.CLOSED}): its workflow has ended and nothing more can be recorded on it.`,
            }
          : {}),
      };
    },
    view: async (id) => matterView((await readMatter(deps.prisma, id))!),
  };
  const command = <B extends z.ZodType>(route: CommandRoute<Action, B>) =>
    commandRoute(router, deps, subject, route);

  command({
    action: 'ANSWER_SUBMITTED',
    path: 'answer',
    summary:
      "Record the reply (书面答复) or the defence (答辩状) submitted with the evidence: completes the matter's clock",
    body: answerBody,
    fields: (b) => ({
      ...(b.note ? { note: b.note } : {}),
      occurredAt: instantOf(b.submittedAt),
    }),
  });
  command({
    action: 'HEARING_RECORDED',
    path: 'hearing',
    summary:
      'Record a court session and who appeared for the bureau (出庭应诉, 行政诉讼法 Art. 3 ¶3): the responsible leader, or an officer in their place with the reason',
    body: hearingBody,
    fields: (b) => ({
      leaderAppeared: b.leaderAppeared,
      leader: b.leader,
      ...(b.officer ? { officer: b.officer } : {}),
      ...(b.reason ? { reason: b.reason } : {}),
      occurredAt: instantOf(b.hearingAt),
    }),
  });
  command({
    action: 'DECIDED',
    path: 'outcome',
    summary:
      'Record the outcome (复议决定/裁判结果): against the bureau (撤销, 变更, 确认违法 …) or mediated, it awaits its performance; otherwise the matter is closed',
    body: outcomeBody,
    fields: (b) => ({
      outcome: b.outcome,
      ...(b.documentNumber ? { documentNumber: b.documentNumber } : {}),
      ...(b.note ? { note: b.note } : {}),
      occurredAt: instantOf(b.decidedAt),
    }),
  });
  command({
    action: 'CARRIED_OUT',
    path: 'performance',
    summary: 'Record that the decision was carried out (履行), and how: closes the matter',
    body: performanceBody,
    fields: (b) => ({ note: b.note, occurredAt: instantOf(b.carriedOutAt) }),
  });

  return router;
}
