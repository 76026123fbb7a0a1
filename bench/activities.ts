// The bare workflows' one side effect: an INSERT into a table of the bench's own, the floor for a
// step that must be recorded. recorded_at is the database's clock, as audit_events' is.
import type { Pool } from 'pg';

export const BENCH_EVENTS_TABLE = `
CREATE TABLE IF NOT EXISTS bench_events (
  id          BIGSERIAL PRIMARY KEY,
  workflow_id TEXT NOT NULL,
  kind        TEXT NOT NULL,
  step        INTEGER,
  due_at      TIMESTAMPTZ(3),
  recorded_at TIMESTAMPTZ(3) NOT NULL DEFAULT now()
)`;

export interface BenchEvent {
  workflowId: string;
  kind: 'STEP' | 'OPENED' | 'DUE';
  step?: number;
  dueAt?: number;
}

export function createBenchActivities(pool: Pool) {
  return {
    async recordBenchEvent(event: BenchEvent): Promise<void> {
      await pool.query(
        'INSERT INTO bench_events (workflow_id, kind, step, due_at) VALUES ($1, $2, $3, $4)',
        [
          event.workflowId,
          event.kind,
          event.step ?? null,
          event.dueAt === undefined ? null : new Date(event.dueAt),
        ],
      );
    },
  };
}

export type BenchActivities = ReturnType<typeof createBenchActivities>;
