// Driving the bare workflows (bench/workflows.ts) and reading the rows they write.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { FAST_TRACK_ACTIONS } from './fast-track';
import { bareActionUpdate, bareDeadline, bareLifecycle } from './workflows';

/** A bare workflow through the 11 Updates; `onAction` gets each Update's milliseconds. */
export async function bareClientLifecycle(
  client: Client,
  taskQueue: string,
  write: boolean,
  onAction: (ms: number) => void,
): Promise<void> {
  const handle = await client.workflow.start(bareLifecycle, {
    taskQueue,
    workflowId: `bare-${write ? 'write' : 'plain'}-${randomUUID()}`,
    args: [{ write }],
  });
  for (const action of FAST_TRACK_ACTIONS) {
    const started = performance.now();
    await handle.executeUpdate(bareActionUpdate, { args: [action] });
    onAction(performance.now() - started);
  }
}

export async function startBareDeadline(
  client: Client,
  taskQueue: string,
  workflowId: string,
  dueAt: number,
): Promise<void> {
  await client.workflow.start(bareDeadline, {
    taskQueue,
    workflowId,
    args: [{ dueAt }],
  });
}

/** When each workflow's `kind` row was written, by workflow id. */
export async function bareWrittenAt(
  pool: Pool,
  workflowIds: readonly string[],
  kind: 'OPENED' | 'DUE',
): Promise<Map<string, number>> {
  const result = await pool.query<{ workflow_id: string; recorded_at: Date }>(
    'SELECT workflow_id, recorded_at FROM bench_events WHERE workflow_id = ANY($1) AND kind = $2',
    [workflowIds, kind],
  );
  return new Map(result.rows.map((row) => [row.workflow_id, row.recorded_at.getTime()]));
}

export async function bareRowsWritten(
  pool: Pool,
  workflowIds: readonly string[],
  kind: 'OPENED' | 'DUE',
): Promise<number> {
  const result = await pool.query<{ n: number }>(
    'SELECT count(DISTINCT workflow_id)::int AS n FROM bench_events WHERE workflow_id = ANY($1) AND kind = $2',
    [workflowIds, kind],
  );
  return result.rows[0]!.n;
}
