// POST /alarms starts an alarm workflow; GET /alarms/:id reads its state from the workflow and its
// record from PostgreSQL. Identity and scoping arrive with the API issue; until then the actor is
// recorded as unauthenticated.
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { z } from 'zod';
import { ALARM_CATEGORIES, ALARM_SOURCES, RESPONSE_TIERS, type NewAlarm } from '../../domain/alarm';
import type { Prisma } from '../../platform/database';
import { alarmStateQuery, alarmWorkflow } from '../../workflows/alarm';
import { HttpProblem } from '../problem';
import { parse } from '../validate';

export const createAlarmBody = z.strictObject({
  source: z.enum(Object.keys(ALARM_SOURCES) as [keyof typeof ALARM_SOURCES]),
  category: z
    .enum(Object.keys(ALARM_CATEGORIES) as [keyof typeof ALARM_CATEGORIES])
    .default('OTHER'),
  responseTier: z.union(RESPONSE_TIERS.map((tier) => z.literal(tier))),
  unitId: z.string().trim().min(1).max(64),
  summary: z.string().trim().min(1).max(2000),
  location: z.string().trim().min(1).max(500).optional(),
  reporterName: z.string().trim().min(1).max(100).optional(),
  reportedAt: z.iso.datetime({ offset: true }).optional(),
});

export const alarmIdParams = z.strictObject({
  id: z.string().regex(/^alarm-[0-9a-f-]{36}$/, 'must be an alarm id such as alarm-<uuid>'),
});

export function alarmRoutes(deps: { temporal: Client; prisma: Prisma; taskQueue: string }) {
  const router = Router();

  router.post('/alarms', async (req, res) => {
    const body = parse(createAlarmBody, req.body ?? {}, 'body');
    const receivedAt = Date.now();
    const alarm: NewAlarm = {
      alarmId: `alarm-${randomUUID()}`,
      ...body,
      reportedAt: new Date(body.reportedAt ?? receivedAt).toISOString(),
      receivedAt,
      receivedBy: { id: 'unauthenticated', role: 'UNAUTHENTICATED' },
    };
    await deps.temporal.workflow.start(alarmWorkflow, {
      taskQueue: deps.taskQueue,
      workflowId: alarm.alarmId,
      args: [alarm],
    });
    res
      .status(201)
      .location(`/alarms/${alarm.alarmId}`)
      .json({ id: alarm.alarmId, links: { self: `/alarms/${alarm.alarmId}` } });
  });

  router.get('/alarms/:id', async (req, res) => {
    const { id } = parse(alarmIdParams, req.params, 'path');
    let state;
    try {
      state = await deps.temporal.workflow.getHandle(id).query(alarmStateQuery);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) {
        throw new HttpProblem(404, 'Alarm not found', `No alarm has the id ${id}.`);
      }
      throw new HttpProblem(
        503,
        'Workflow unavailable',
        `The alarm's workflow did not answer (${(error as Error).message}); is a worker running?`,
      );
    }
    const record = await deps.prisma.alarm.findUnique({ where: { id } });
    res.json({ id, state, record });
  });

  return router;
}
