// Where the bench sees the app's work land in PostgreSQL: a case's first task row, the audit
// events of its acceptance and of its first-level escalation (their recorded_at is the database's
// clock when the row was written).
import type { Pool } from 'pg';

/** How many of these cases have a task row. */
export async function casesWithTask(pool: Pool, caseIds: readonly string[]): Promise<number> {
  const result = await pool.query<{ n: number }>(
    'SELECT count(DISTINCT case_id)::int AS n FROM tasks WHERE case_id = ANY($1)',
    [caseIds],
  );
  return result.rows[0]!.n;
}

/** When each case's audit event `action` was written, by case id. */
export async function auditWrittenAt(
  pool: Pool,
  caseIds: readonly string[],
  action: 'CASE_ACCEPTED' | 'ESCALATION_FIRST_LEVEL',
): Promise<Map<string, number>> {
  const result = await pool.query<{ subject_id: string; recorded_at: Date }>(
    `SELECT subject_id, recorded_at FROM audit_events
      WHERE subject_type = 'CASE' AND subject_id = ANY($1) AND action = $2`,
    [caseIds, action],
  );
  return new Map(result.rows.map((row) => [row.subject_id, row.recorded_at.getTime()]));
}
