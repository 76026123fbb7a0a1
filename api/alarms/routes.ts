// Alarms (警情): register one (its workflow starts the arrival and same-day disposal clocks),
// list those in your scope, read one, record the arrival on scene and the disposition (resolved,
// transferred, or converted to a case, which starts the case's workflow), the scene handling of an
// emergency whose report is registered afterwards, and a transferred alarm's handover.
import { randomBytes, randomUUID } from 'node:crypto';
import { Router } from 'express';
import {
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
} from '@temporalio/client';
import { z } from 'zod';
import { POLICE_ROLES, rolesForUnit } from '../../domain/access';
import {
  ALARM_CATEGORIES,
  ALARM_SOURCES,
  ALARM_STAGES,
  DISPOSITIONS,
  RESPONSE_TIERS,
  reporterContact,
  type NewAlarm,
} from '../../domain/alarm';
import type { AlarmCommand } from '../../domain/alarm-decider';
import { QUERY_CODE_LENGTH, queryCodeFrom } from '../../domain/query-code';
import type { Role } from '../../domain/roles';
import { alarmCommandUpdate, alarmOpenedUpdate, alarmWorkflowV2 } from '../../workflows/alarm';
import { caseOpenedUpdate } from '../../workflows/case';
import { alarmInScope, alarmView, readAlarm, refuseIfDisposed } from './read-model';
import type { ApiDeps } from '../deps';
import { actAs, operation, type OperationContext } from '../operation';
import { callWithin, executeWithin, workflowIdFor } from '../workflow-call';
import { HttpProblem } from '../problem';
import { unitTreeWhere } from '../../platform/unit-tree';
import { unitScopeWhere } from '../scope';
import {
  enumOf,
  idParams,
  instant,
  proposalCommand,
  proposalDecisionBody,
  proposalParams,
  text,
  unitId,
  withdrawalBody,
} from '../schemas';

export const createAlarmBody = z.strictObject({
  source: enumOf(ALARM_SOURCES),
  category: enumOf(ALARM_CATEGORIES).default('OTHER'),
  responseTier: z.union(RESPONSE_TIERS.map((tier) => z.literal(tier))),
  unitId: unitId,
  summary: text(2000),
  location: text(500).optional(),
  reporterName: text(100).optional(),
  /** 联系方式, on the receipt (回执): a mobile number or a fixed line with its area code. */
  reporterContact: text(50)
    .superRefine((value, ctx) => {
      const checked = reporterContact(value);
      if ('refusal' in checked) ctx.addIssue({ code: 'custom', message: checked.refusal });
    })
    .optional(),
  reportedAt: instant.optional(),
});

export const alarmIdParams = idParams('alarm');

export const alarmListQuery = z.strictObject({
  stage: enumOf(ALARM_STAGES).optional(),
  unit: unitId.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: instant.optional(),
});

export const dispositionBody = z.strictObject({
  disposition: enumOf(DISPOSITIONS),
  reason: text(2000).optional(),
  agency: text(200).optional(),
  newCase: z
    .strictObject({
      kind: z.enum(['CRIMINAL', 'ADMINISTRATIVE']),
      title: text(200),
      handlerId: text(100),
    })
    .optional(),
});

export const handoverBody = z.strictObject({
  /** 接收人: who received the alarm at the agency. */
  receivedBy: text(100),
  /** 接收单位: the disposition's agency when not given. */
  agency: text(200).optional(),
  /** When it was handed over; now when not given. */
  handedOverAt: instant.optional(),
});

export const alarmProposalParams = proposalParams('alarm');

/** Who approves an alarm's proposal (the transfer of a crime report, 公安刑规 Art. 175). */
const ALARM_APPROVERS = ['BUREAU_LEADER'] as const satisfies readonly Role[];

/** Sends a command to an alarm the caller may act on, and answers with its new state. */
async function commandAlarm(
  deps: ApiDeps,
  ctx: OperationContext<{ id: string }, unknown, unknown>,
  what: string,
  command: (actor: { id: string; role: Role }) => AlarmCommand,
  allowed: readonly Role[] = ['HANDLER'],
) {
  const { record, roles } = await alarmInScope(deps, ctx.principal, ctx.params.id);
  const role = actAs(ctx, roles, allowed, what);
  refuseIfDisposed(record);
  if (record.version === 0) {
    throw new HttpProblem(
      409,
      'Registered on the first engine',
      `Alarm ${record.id} was registered before the current engine; use its own Updates (recordArrival, dispose) until it is disposed of.`,
    );
  }
  await executeWithin(
    deps,
    record.id,
    alarmCommandUpdate,
    command({ id: ctx.principal.id, role }),
    ctx.actionId,
  );
  return alarmView((await readAlarm(deps.prisma, record.id))!);
}

/** Waits until a case the alarm started has written its first step. */
const caseOpened = (deps: ApiDeps, caseId: string) =>
  deps.temporal.workflow.getHandle(caseId).executeUpdate(caseOpenedUpdate);

export function alarmRoutes(deps: ApiDeps) {
  const router = Router();

  operation(
    router,
    deps,
    {
      id: 'alarm.create',
      method: 'post',
      path: '/alarms',
      summary: 'Register an alarm (接警) and start its workflow',
      roles: POLICE_ROLES,
      body: createAlarmBody,
      subject: 'ALARM',
      success: { 201: 'created; Location names the alarm' },
      errors: [503],
    },
    async (ctx) => {
      const { principal, body, at, actionId } = ctx;
      const roles = rolesForUnit(principal, body.unitId);
      if (roles.length === 0) {
        throw new HttpProblem(403, 'Out of scope', `Unit ${body.unitId} is outside your scope.`);
      }
      ctx.res.locals.actingRole = roles[0];
      const { reporterContact: contact, ...reported } = body;
      const normalised = contact === undefined ? undefined : reporterContact(contact);
      const alarm: NewAlarm = {
        alarmId: workflowIdFor('alarm', actionId),
        ...reported,
        ...(normalised && 'contact' in normalised ? { reporterContact: normalised.contact } : {}),
        reportedAt: new Date(body.reportedAt ?? at).toISOString(),
        receivedAt: at,
        receivedBy: { id: principal.id, role: roles[0]! },
        ...(deps.policyOverrides ? { policyOverrides: deps.policyOverrides } : {}),
      };
      ctx.about({ type: 'ALARM', id: alarm.alarmId });
      try {
        // One call starts the workflow and waits for its first step (update-with-start): the
        // answer names an alarm that can be read at once. A retry of a registration still
        // running joins it; one already disposed of is never started again.
        await callWithin(deps, alarm.alarmId, () =>
          deps.temporal.workflow.executeUpdateWithStart(alarmOpenedUpdate, {
            startWorkflowOperation: new WithStartWorkflowOperation(alarmWorkflowV2, {
              taskQueue: deps.taskQueue,
              workflowId: alarm.alarmId,
              args: [alarm],
              workflowIdConflictPolicy: 'USE_EXISTING',
              workflowIdReusePolicy: 'REJECT_DUPLICATE',
            }),
          }),
        );
      } catch (error) {
        // A retry of a registration whose alarm has since ended: the same alarm.
        if (!(actionId && error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      }
      const record = await readAlarm(deps.prisma, alarm.alarmId);
      return {
        status: 201,
        location: `/alarms/${alarm.alarmId}`,
        body: {
          id: alarm.alarmId,
          ...(record ? { state: alarmView(record) } : {}),
          links: { self: `/alarms/${alarm.alarmId}` },
        },
      };
    },
  );

  operation(
    router,
    deps,
    {
      id: 'alarm.list',
      method: 'get',
      path: '/alarms',
      summary: 'Alarms in your scope, newest first (filter by stage and unit; page with before)',
      roles: POLICE_ROLES,
      query: alarmListQuery,
      success: { 200: '{ items, nextBefore }' },
    },
    async ({ principal, query }) => {
      const rows = await deps.prisma.alarm.findMany({
        where: {
          AND: [
            { OR: unitScopeWhere(principal) },
            ...(query.unit ? [{ OR: unitTreeWhere(query.unit) }] : []),
            ...(query.stage ? [{ stage: query.stage }] : []),
            ...(query.before ? [{ reportedAt: { lt: new Date(query.before) } }] : []),
          ],
        },
        orderBy: [{ reportedAt: 'desc' }, { id: 'desc' }],
        take: query.limit,
      });
      return {
        body: {
          items: rows.map((row) => ({ ...row, links: { self: `/alarms/${row.id}` } })),
          nextBefore:
            rows.length === query.limit ? rows[rows.length - 1]!.reportedAt.toISOString() : null,
        },
      };
    },
  );

  operation(
    router,
    deps,
    {
      id: 'alarm.get',
      method: 'get',
      path: '/alarms/:id',
      summary: "An alarm's workflow state (deadlines, escalations, history) and its record",
      roles: POLICE_ROLES,
      params: alarmIdParams,
      subject: 'ALARM',
      success: { 200: 'the alarm' },
      errors: [404, 503],
    },
    async ({ principal, params }) => {
      const { view } = await alarmInScope(deps, principal, params.id);
      const record = await deps.prisma.alarm.findUnique({ where: { id: params.id } });
      return { body: { id: params.id, state: view, record } };
    },
  );

  operation(
    router,
    deps,
    {
      id: 'alarm.arrival',
      method: 'post',
      path: '/alarms/:id/arrival',
      summary: 'Record the arrival on scene (到场): completes the arrival deadline',
      roles: ['HANDLER'],
      params: alarmIdParams,
      subject: 'ALARM',
      success: { 200: "the alarm's new state" },
      errors: [404, 422, 503],
    },
    async (ctx) => {
      const state = await commandAlarm(deps, ctx, 'Arrival (到场)', (actor) => ({
        type: 'ARRIVE',
        actor,
        at: ctx.at,
      }));
      return { body: { id: ctx.params.id, state } };
    },
  );

  operation(
    router,
    deps,
    {
      id: 'alarm.dispose',
      method: 'post',
      path: '/alarms/:id/disposition',
      summary:
        "Dispose of an alarm: RESOLVED_ON_SCENE, TRANSFERRED (agency) or CONVERTED_TO_CASE (newCase); a crime report's transfer is proposed and takes effect once the bureau leader approves it (审批)",
      roles: ['HANDLER'],
      params: alarmIdParams,
      body: dispositionBody,
      subject: 'ALARM',
      success: { 200: "the alarm's new state; disposition.caseId names a new case" },
      errors: [404, 422, 503],
    },
    async (ctx) => {
      const state = await commandAlarm(deps, ctx, 'A disposition (处置结果)', (actor) => ({
        type: 'DISPOSE',
        actor,
        at: ctx.at,
        ...ctx.body,
        // The new case's ids come from here, from a cryptographic source: its query code is
        // never derived from anything a party could see.
        ...(ctx.body.disposition === 'CONVERTED_TO_CASE'
          ? {
              newCaseIds: {
                caseId: `case-${randomUUID()}`,
                queryCode: queryCodeFrom(randomBytes(QUERY_CODE_LENGTH)),
              },
            }
          : {}),
      }));
      const caseId = state.disposition?.caseId;
      // The alarm started the case; answer once the case's first step is written, so that the
      // link below can be followed at once.
      if (caseId) await callWithin(deps, caseId, () => caseOpened(deps, caseId));
      return {
        body: {
          id: ctx.params.id,
          state,
          ...(caseId ? { links: { case: `/cases/${caseId}` } } : {}),
        },
      };
    },
  );

  operation(
    router,
    deps,
    {
      id: 'alarm.scene-handled',
      method: 'post',
      path: '/alarms/:id/scene-handled',
      summary:
        'Record that an emergency was handled on the scene first (现场处置完毕): its report (a crime or violation) is registered as a case within 24 h (REGISTER_REPORT)',
      roles: ['HANDLER'],
      params: alarmIdParams,
      subject: 'ALARM',
      success: { 200: "the alarm's new state (PENDING_REGISTRATION)" },
      errors: [404, 422, 503],
    },
    async (ctx) => {
      const state = await commandAlarm(deps, ctx, 'The scene handling (现场处置完毕)', (actor) => ({
        type: 'SCENE_HANDLED',
        actor,
        at: ctx.at,
      }));
      return { body: { id: ctx.params.id, state } };
    },
  );

  operation(
    router,
    deps,
    {
      id: 'alarm.handover',
      method: 'post',
      path: '/alarms/:id/handover',
      summary:
        "Record a transferred alarm's handover (移交接收): who received it at which agency, and when; completes TRANSFER_TO_AGENCY",
      roles: ['HANDLER'],
      params: alarmIdParams,
      body: handoverBody,
      subject: 'ALARM',
      success: { 200: "the alarm's new state (DISPOSED)" },
      errors: [404, 422, 503],
    },
    async (ctx) => {
      const { handedOverAt, ...handover } = ctx.body;
      const state = await commandAlarm(deps, ctx, 'A handover (移交接收)', (actor) => ({
        type: 'HANDOVER',
        actor,
        at: ctx.at,
        ...handover,
        ...(handedOverAt ? { handedOverAt: Date.parse(handedOverAt) } : {}),
      }));
      return { body: { id: ctx.params.id, state } };
    },
  );

  operation(
    router,
    deps,
    {
      id: 'alarm.decideProposal',
      method: 'post',
      path: '/alarms/:id/proposals/:proposalId/decision',
      summary:
        "Approve or refuse (with a reason) a crime report's transfer to the competent agency (呈请移送管辖): approved, its 24 hours to hand over run",
      roles: ALARM_APPROVERS,
      params: alarmProposalParams,
      body: proposalDecisionBody,
      subject: 'ALARM',
      success: { 200: "the alarm's new state" },
      errors: [404, 422, 503],
    },
    async (ctx) => {
      const { body, at, params } = ctx;
      const state = await commandAlarm(
        deps,
        ctx,
        'Deciding a proposal',
        (actor) => proposalCommand(body, params.proposalId, actor, at),
        ALARM_APPROVERS,
      );
      return { body: { id: params.id, state } };
    },
  );

  operation(
    router,
    deps,
    {
      id: 'alarm.withdrawProposal',
      method: 'post',
      path: '/alarms/:id/proposals/:proposalId/withdrawal',
      summary: 'Withdraw a transfer you proposed that still waits for its approval',
      roles: ['HANDLER'],
      params: alarmProposalParams,
      body: withdrawalBody,
      subject: 'ALARM',
      success: { 200: "the alarm's new state" },
      errors: [404, 422, 503],
    },
    async (ctx) => {
      const { body, at, params } = ctx;
      const state = await commandAlarm(deps, ctx, 'Withdrawing a proposal', (actor) =>
        proposalCommand({ ...body, decision: 'WITHDRAW' }, params.proposalId, actor, at),
      );
      return { body: { id: params.id, state } };
    },
  );

  return router;
}
