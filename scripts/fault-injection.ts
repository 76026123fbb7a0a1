// npm run fault-injection: drives a small load of cases through their steps at seeded times, with
// deadlines of seconds, while the worker is killed (SIGKILL, no drain) and replaced twice. Then it
// checks the read model against the engine's promises: a rung due before its step completed (or
// while the step is still open) is recorded exactly once, in `escalations` and as its
// ESCALATION_<LEVEL> audit event; no other rung is; every action answered with success is in the
// audit trail exactly once; nothing is doubled. Exit 0 when every check holds, 1 with the list of
// violations, 2 when it cannot run.
//
// It runs against TEMPORAL_ADDRESS and DATABASE_URL (e.g. the services `npm start` runs) and starts
// its own workers (scripts/worker.ts) on a task queue of its own. FAULT_SEED picks the schedule;
// FAULT_KEEP_WORKFLOWS=1 leaves the cases' workflows in Temporal to read their histories.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  Client,
  Connection,
  WorkflowExecutionAlreadyStartedError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { Client as PgClient } from 'pg';
import type { CaseCommand, NewCase } from '../domain/case-decider';
import type { PolicyCode, PolicyOverrides } from '../domain/deadline-policies';
import type { EscalationLevel, EscalationRung } from '../domain/escalation';
import type { ActionFields } from '../domain/lifecycle';
import type { Role } from '../domain/roles';
import { payloadKeys, PayloadEncryptionCodec } from '../platform/payload-codec';
import { caseCommandUpdate, caseWorkflowV2 } from '../workflows/case';

export interface FaultInjectionOptions {
  temporalAddress: string;
  databaseUrl: string;
  namespace?: string;
  /** Picks every case's plan and timing: the same seed gives the same schedule. */
  seed?: number;
  cases?: number;
  /** How many times the worker is killed and replaced. */
  kills?: number;
  /** Leaves the run's workflows running, to read their histories (Temporal UI, CLI). */
  keepWorkflows?: boolean;
  log?: (line: string) => void;
}

export interface FaultInjectionReport {
  seed: number;
  taskQueue: string;
  cases: number;
  actions: { sent: number; applied: number; retried: number; refused: number; unanswered: number };
  /** Steps completed by an applied action: before their first rung was due, or after. */
  completed: { beforeFirstRung: number; afterARung: number };
  rungs: { expected: number; found: number };
  kills: Array<{ atMs: number; callsInFlight: number }>;
  /** Steps a killed worker's lost workflow task had written, found and taken by the next one. */
  lostStepsTaken: number;
  durationMs: number;
  violations: string[];
}

/** Each deadline the plans meet, shortened: rungs at 4.5 s (reminder), 6 s and 9 s. */
const PERIOD_SECONDS = 6;
const GRACE_SECONDS = 3;
const SHORTENED: PolicyCode[] = [
  'FILING_REVIEW',
  'LEGAL_REVIEW',
  'NON_FILING_NOTICE',
  'RECONSIDERATION_APPLICATION',
];
const POLICY_OVERRIDES: PolicyOverrides = Object.fromEntries(
  SHORTENED.map((code) => [
    code,
    {
      period: { length: PERIOD_SECONDS, unit: 'SECONDS' },
      grace: { length: GRACE_SECONDS, unit: 'SECONDS' },
    },
  ]),
);

/** When a kill comes, measured from the first case's start. */
const KILL_AT_MS = [9_000, 24_000, 36_000];
/** From its scheduled time, a kill waits at most this long for a call to be in flight. */
const KILL_WAITS_FOR_A_CALL_MS = 5_000;
/** Cases start spread over this long. */
const STAGGER_MS = 6_000;
/** One call's wait for its answer; then it is sent again with the same ids. */
const CALL_TIMEOUT_MS = 15_000;
/** How long a command is retried before it counts as unanswered. */
const COMMAND_BUDGET_MS = 60_000;
/** How long the engine gets, once the driver is done, to fire what is due. */
const SETTLE_MS = 30_000;
const WORKER_START_TIMEOUT_MS = 120_000;

/** One step of a plan: the action, and the task it completes or opens (its step name). */
interface PlannedAction {
  action: string;
  role: Role;
  fields?: ActionFields;
  completes?: string;
  opens?: string;
  /** Who approves it, in turn (审批): it takes effect, completing and opening, at the last. */
  approvers?: Role[];
}

const FILE: PlannedAction = {
  action: 'FILE',
  role: 'HANDLER',
  completes: 'FILING_REVIEW',
  approvers: ['BUREAU_LEADER'],
};
const SUBMIT: PlannedAction = {
  action: 'SUBMIT_FOR_LEGAL_REVIEW',
  role: 'HANDLER',
  opens: 'LEGAL_REVIEW',
};
const APPROVE: PlannedAction = {
  action: 'APPROVE_LEGAL_REVIEW',
  role: 'LEGAL_OFFICER',
  completes: 'LEGAL_REVIEW',
};
const RETURN: PlannedAction = {
  action: 'RETURN_FOR_CORRECTION',
  role: 'LEGAL_OFFICER',
  fields: { reason: '证据材料不全，补正后重新提交' },
  completes: 'LEGAL_REVIEW',
};
const DECLINE: PlannedAction = {
  action: 'DECLINE_FILING',
  role: 'HANDLER',
  // A complainant is owed the notice (公安刑规 Art. 178 ¶2): its clock opens.
  fields: { reason: '没有犯罪事实', hasComplainant: true },
  completes: 'FILING_REVIEW',
  opens: 'NON_FILING_NOTICE',
  approvers: ['LEGAL_OFFICER', 'BUREAU_LEADER'],
};
const SERVE: PlannedAction = {
  action: 'SERVE_NON_FILING_NOTICE',
  role: 'HANDLER',
  completes: 'NON_FILING_NOTICE',
  opens: 'RECONSIDERATION_APPLICATION',
};
const PLANS: PlannedAction[][] = [
  [FILE, SUBMIT, APPROVE],
  [FILE, SUBMIT, RETURN, SUBMIT],
  [DECLINE, SERVE],
];
/** A leader's order (督办指令) between steps: an action that moves no clock. */
const ORDER = { type: 'ORDER', instruction: '抓紧办理，按期报结' } as const;

/** Where in its deadline an action is sent, as shares of the period: reminder at 0.75, due at 1. */
const TIMINGS: Array<[number, number]> = [
  [0.15, 0.6], // before every rung
  [0.8, 0.95], // after the reminder
  [1.05, 1.4], // after the deadline
  [1.6, 1.9], // after the second level
];

/** mulberry32: a small seeded generator, so that a failing schedule can be run again. */
function seededRandom(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A command as the driver plans it: the time and the request id are added when it is sent. */
type CommandBody = CaseCommand extends infer C
  ? C extends CaseCommand
    ? Omit<C, 'at' | 'requestId'>
    : never
  : never;

type Outcome = 'applied' | 'refused' | 'unanswered';

interface SentCommand {
  caseId: string;
  action: string;
  at: number;
  /** The audit events it records, at its instant; the tasks it completes and opens (step names). */
  audits: string[];
  completes: string[];
  opens: string[];
  outcome: Outcome;
  detail?: string;
  attempts: number;
}

interface DrivenCase {
  caseId: string;
  startedAt: number;
  commands: SentCommand[];
}

const projectRoot = path.resolve(__dirname, '..');

/** scripts/worker.ts in a child process, as `npm run worker` runs it, in a folder of its own. */
/** What the step activity logs when it hands a lost workflow task's step back (activities/steps.ts). */
const LOST_STEP_TAKEN = 'A step written by a lost workflow task is taken';

class WorkerProcess {
  private output = '';
  private readonly child: ChildProcess;
  private readonly exit: Promise<number | null>;

  constructor(env: Record<string, string>) {
    const loader = pathToFileURL(
      path.join(projectRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs'),
    ).href;
    const inherited: NodeJS.ProcessEnv = { ...process.env };
    for (const name of ['PORT', 'DATA_DIR', 'DRILL_DEADLINES']) delete inherited[name];
    this.child = spawn(
      process.execPath,
      ['--import', loader, path.join(projectRoot, 'scripts', 'worker.ts')],
      {
        // No developer's .env is read there.
        cwd: mkdtempSync(path.join(tmpdir(), 'case-orchestrator-fault-')),
        env: { ...inherited, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const append = (chunk: Buffer) => (this.output += chunk.toString());
    this.child.stdout!.on('data', append);
    this.child.stderr!.on('data', append);
    this.exit = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  get pid() {
    return this.child.pid;
  }

  /** How many times the worker printed this. */
  count(text: string) {
    return this.output.split(text).length - 1;
  }

  async ready() {
    const deadline = Date.now() + WORKER_START_TIMEOUT_MS;
    while (!this.output.includes('Press Ctrl-C to stop.')) {
      if (this.child.exitCode !== null || this.child.signalCode !== null)
        throw new Error(`the worker exited during start-up. Output:\n${this.output}`);
      if (Date.now() > deadline)
        throw new Error(
          `the worker did not start within ${WORKER_START_TIMEOUT_MS} ms. Output:\n${this.output}`,
        );
      await sleep(100);
    }
  }

  async kill(signal: NodeJS.Signals) {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    await this.exit;
  }

  /** Stops as Ctrl-C does; killed if it has not stopped in time. */
  async stop(timeoutMs = 15_000) {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await this.exit;
    clearTimeout(timer);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export async function runFaultInjection(
  options: FaultInjectionOptions,
): Promise<FaultInjectionReport> {
  const began = Date.now();
  const log = options.log ?? (() => undefined);
  const seed = options.seed ?? 1;
  const caseCount = options.cases ?? 30;
  const killCount = options.kills ?? 2;
  if (killCount > KILL_AT_MS.length)
    throw new Error(`at most ${KILL_AT_MS.length} kills are scheduled, not ${killCount}`);
  const namespace = options.namespace ?? 'default';
  const taskQueue = `fault-${randomUUID()}`;
  const random = seededRandom(seed);
  const between = (low: number, high: number) => low + (high - low) * random();
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;

  const payloadKeyHex = randomBytes(32).toString('hex');
  const workerEnv = {
    TEMPORAL_ADDRESS: options.temporalAddress,
    DATABASE_URL: options.databaseUrl,
    TEMPORAL_NAMESPACE: namespace,
    TEMPORAL_TASK_QUEUE: taskQueue,
    // The run's own payload key, shared by its workers and its client.
    TEMPORAL_PAYLOAD_KEYS: payloadKeyHex,
  };
  const workers: WorkerProcess[] = [];
  const startWorker = async () => {
    const worker = new WorkerProcess(workerEnv);
    workers.push(worker);
    await worker.ready();
    log(`[fault] worker ${worker.pid} polling ${taskQueue}`);
    return worker;
  };

  const connection = await Connection.connect({ address: options.temporalAddress });
  const client = new Client({
    connection,
    namespace,
    dataConverter: {
      payloadCodecs: [
        new PayloadEncryptionCodec(payloadKeys([payloadKeyHex]), { unauthentic: 'throw' }),
      ],
    },
  });
  const driven: DrivenCase[] = [];
  const kills: FaultInjectionReport['kills'] = [];
  let inFlight = 0;
  try {
    let worker = await startWorker();
    const t0 = Date.now();

    /** Sends one command until it is answered: same updateId and requestId on every attempt. */
    const send = async (
      caseId: string,
      body: CommandBody,
      effects: Pick<SentCommand, 'audits' | 'completes' | 'opens'>,
      requestId: string,
    ): Promise<SentCommand> => {
      const cmd = { ...body, at: Date.now(), requestId } as CaseCommand;
      const sent: SentCommand = {
        caseId,
        action: cmd.type === 'ACTION' ? cmd.action : cmd.type,
        at: cmd.at,
        ...effects,
        outcome: 'unanswered',
        attempts: 0,
      };
      const giveUpAt = Date.now() + COMMAND_BUDGET_MS;
      inFlight += 1;
      try {
        while (Date.now() < giveUpAt) {
          sent.attempts += 1;
          const abandon = new AbortController();
          const timer = setTimeout(() => abandon.abort(), CALL_TIMEOUT_MS);
          try {
            await client.withAbortSignal(abandon.signal, () =>
              client.workflow
                .getHandle(caseId)
                .executeUpdate(caseCommandUpdate, { args: [cmd], updateId: requestId }),
            );
            sent.outcome = 'applied';
            return sent;
          } catch (error) {
            if (error instanceof WorkflowUpdateFailedError) {
              sent.outcome = 'refused';
              sent.detail = error.cause?.message ?? error.message;
              return sent;
            }
            sent.detail = (error as Error).message; // no answer yet: the same request again
            await sleep(500);
          } finally {
            clearTimeout(timer);
          }
        }
        return sent;
      } finally {
        inFlight -= 1;
      }
    };

    const driveCase = async (index: number): Promise<void> => {
      const plan = pick(PLANS);
      const timings = plan.map(() => pick(TIMINGS));
      const orderAfter = random() < 0.3 ? Math.floor(random() * plan.length) : -1;
      const offset = between(0, STAGGER_MS);
      await sleep(t0 + offset - Date.now());
      const input: NewCase = {
        caseId: `case-fault-${seed}-${index}-${randomUUID().slice(0, 8)}`,
        kind: 'CRIMINAL',
        unitId: 'pcs-chengguan',
        handlerId: 'officer-7',
        title: '故障注入演练案',
        queryCode: `F${randomUUID().slice(0, 11).toUpperCase()}`,
        acceptedAt: Date.now(),
        acceptedBy: { id: 'officer-7', role: 'HANDLER' },
        policyOverrides: POLICY_OVERRIDES,
      };
      const dc: DrivenCase = { caseId: input.caseId, startedAt: input.acceptedAt, commands: [] };
      driven.push(dc);
      // Starting twice with the same id starts one workflow.
      for (;;) {
        try {
          await client.workflow.start(caseWorkflowV2, {
            taskQueue,
            workflowId: input.caseId,
            args: [input],
          });
          break;
        } catch (error) {
          if (error instanceof WorkflowExecutionAlreadyStartedError) break;
          if (Date.now() > input.acceptedAt + COMMAND_BUDGET_MS) throw error;
          await sleep(500);
        }
      }
      let clockFrom = input.acceptedAt; // when the deadline the next action meets started
      let proposals = 0;
      for (const [i, planned] of plan.entries()) {
        const [low, high] = timings[i]!;
        await sleep(clockFrom + between(low, high) * PERIOD_SECONDS * 1000 - Date.now());
        const takesEffect = {
          audits: [planned.action],
          completes: planned.completes ? [planned.completes] : [],
          opens: planned.opens ? [planned.opens] : [],
        };
        const approvers = planned.approvers ?? [];
        let sent = await send(
          dc.caseId,
          {
            type: 'ACTION',
            action: planned.action,
            actor: { id: `${planned.role.toLowerCase()}-1`, role: planned.role },
            ...(planned.fields ? { fields: planned.fields } : {}),
          },
          approvers.length
            ? { audits: ['APPROVAL_PROPOSED'], completes: [], opens: ['APPROVAL'] }
            : takesEffect,
          `${dc.caseId}/${i}`,
        );
        dc.commands.push(sent);
        if (sent.outcome !== 'applied') return; // the plan cannot go on from an unknown stage
        if (approvers.length) proposals += 1;
        // Each approver approves in turn; the last approval puts the decision into effect.
        for (const [step, approver] of approvers.entries()) {
          const last = step === approvers.length - 1;
          sent = await send(
            dc.caseId,
            {
              type: 'APPROVE',
              proposalId: `${dc.caseId}:PROPOSAL:${proposals}`,
              actor: { id: `${approver.toLowerCase()}-1`, role: approver },
            },
            last
              ? {
                  audits: ['APPROVAL_GRANTED', ...takesEffect.audits],
                  completes: ['APPROVAL', ...takesEffect.completes],
                  opens: takesEffect.opens,
                }
              : { audits: ['APPROVAL_GRANTED'], completes: ['APPROVAL'], opens: ['APPROVAL'] },
            `${dc.caseId}/${i}/approval-${step}`,
          );
          dc.commands.push(sent);
          if (sent.outcome !== 'applied') return;
        }
        clockFrom = sent.at;
        if (i === orderAfter)
          dc.commands.push(
            await send(
              dc.caseId,
              { ...ORDER, actor: { id: 'unit_leader-1', role: 'UNIT_LEADER' } },
              { audits: ['ACTION_ORDERED'], completes: [], opens: [] },
              `${dc.caseId}/${i}/order`,
            ),
          );
      }
    };

    const killer = async () => {
      for (const killAt of KILL_AT_MS.slice(0, killCount)) {
        await sleep(t0 + killAt - Date.now());
        // Mid-run means mid-call: steps are quick, so the kill waits for one to be in flight.
        const latest = Date.now() + KILL_WAITS_FOR_A_CALL_MS;
        while (inFlight === 0 && Date.now() < latest) await sleep(5);
        const callsInFlight = inFlight;
        await worker.kill('SIGKILL');
        kills.push({ atMs: Date.now() - t0, callsInFlight });
        log(
          `[fault] killed worker ${worker.pid} (kill -9) with ${callsInFlight} call(s) in flight`,
        );
        worker = await startWorker();
      }
    };

    log(`[fault] seed ${seed}: ${caseCount} cases on ${taskQueue}`);
    await Promise.all([
      killer(),
      ...Array.from({ length: caseCount }, (_, index) => driveCase(index)),
    ]);
    const cutoff = Date.now();
    log(`[fault] driver done after ${cutoff - t0} ms; checking the read model`);

    const check = () =>
      verify(options.databaseUrl, driven, cutoff).then((result) => ({ ...result, cutoff }));
    // The engine fires what was due by the cutoff: wait for it, within a bound.
    let result = await check();
    const settleBy = Date.now() + SETTLE_MS;
    while (result.violations.length > 0 && Date.now() < settleBy) {
      await sleep(1000);
      result = await check();
    }
    const commands = driven.flatMap((d) => d.commands);
    // Steps of the plans completed (an approval's own step is not one).
    const completing = commands.filter(
      (c) => c.outcome === 'applied' && c.completes.some((step) => step !== 'APPROVAL'),
    );
    return {
      seed,
      taskQueue,
      cases: driven.length,
      actions: {
        sent: commands.length,
        applied: commands.filter((c) => c.outcome === 'applied').length,
        retried: commands.filter((c) => c.attempts > 1).length,
        refused: commands.filter((c) => c.outcome === 'refused').length,
        unanswered: commands.filter((c) => c.outcome === 'unanswered').length,
      },
      completed: {
        beforeFirstRung: completing.length - result.completedAfterARung,
        afterARung: result.completedAfterARung,
      },
      rungs: { expected: result.expected, found: result.found },
      kills,
      lostStepsTaken: workers.reduce((n, w) => n + w.count(LOST_STEP_TAKEN), 0),
      durationMs: Date.now() - began,
      violations: result.violations,
    };
  } finally {
    for (const worker of workers) await worker.stop();
    if (!options.keepWorkflows)
      for (const dc of driven)
        await client.workflow
          .getHandle(dc.caseId)
          .terminate('fault-injection run over')
          .catch(() => undefined);
    await connection.close();
  }
}

interface TaskRow {
  id: string;
  case_id: string;
  completed_at: Date | null;
  overdue: boolean;
  rungs: EscalationRung[];
}
interface EscalationRow {
  id: string;
  task_id: string;
  level: EscalationLevel;
  fired_at: Date;
  late: boolean;
}
interface AuditRow {
  subject_id: string;
  action: string;
  occurred_at: Date;
  task_id: string | null;
}

/** Reads the run's rows in one snapshot and lists every broken promise. */
async function verify(databaseUrl: string, driven: DrivenCase[], cutoff: number) {
  const ids = driven.map((d) => d.caseId);
  const db = new PgClient({ connectionString: databaseUrl });
  await db.connect();
  let tasks: TaskRow[];
  let escalations: EscalationRow[];
  let audits: AuditRow[];
  let snapshotAt: number;
  try {
    await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    tasks = (
      await db.query<TaskRow>(
        'SELECT id, case_id, completed_at, overdue, rungs FROM tasks WHERE case_id = ANY($1)',
        [ids],
      )
    ).rows;
    // Nothing committed after this instant is seen: no rung due after it can have a row.
    snapshotAt = Date.now();
    escalations = (
      await db.query<EscalationRow>(
        `SELECT e.id, e.task_id, e.level, e.fired_at, e.late FROM escalations e
           JOIN tasks t ON t.id = e.task_id WHERE t.case_id = ANY($1)`,
        [ids],
      )
    ).rows;
    audits = (
      await db.query<AuditRow>(
        `SELECT subject_id, action, occurred_at, data->>'taskId' AS task_id FROM audit_events
          WHERE subject_type = 'CASE' AND subject_id = ANY($1)`,
        [ids],
      )
    ).rows;
    await db.query('COMMIT');
  } finally {
    await db.end();
  }

  const violations: string[] = [];
  let expected = 0;
  let found = 0;
  let completedAfterARung = 0;
  const tasksById = new Map(tasks.map((t) => [t.id, t]));

  // Rungs: those due before the step completed (or, open, before the cutoff) once; no others.
  for (const task of tasks) {
    const completedAt = task.completed_at?.getTime();
    if (completedAt !== undefined && task.rungs.some((r) => r.at <= completedAt))
      completedAfterARung += 1;
    for (const rung of task.rungs) {
      const due = completedAt !== undefined ? rung.at <= completedAt : rung.at <= cutoff;
      const mayHave = completedAt !== undefined ? due : rung.at <= snapshotAt;
      const rows = escalations.filter((e) => e.task_id === task.id && e.level === rung.level);
      const events = audits.filter(
        (a) => a.action === `ESCALATION_${rung.level}` && a.task_id === task.id,
      );
      const when = `(due ${iso(rung.at)}, step ${completedAt !== undefined ? `completed ${iso(completedAt)}` : 'open'})`;
      if (due) {
        expected += 1;
        if (rows.length === 1 && events.length === 1) found += 1;
        if (rows.length !== 1)
          violations.push(
            `${task.id} ${rung.level} ${when}: ${rows.length} escalation rows, not 1`,
          );
        if (events.length !== 1)
          violations.push(
            `${task.id} ${rung.level} ${when}: ${events.length} ESCALATION_${rung.level} audit events, not 1`,
          );
      } else if (!mayHave) {
        if (rows.length > 0 || events.length > 0)
          violations.push(
            `${task.id} ${rung.level} ${when}: escalated (${rows.length} rows, ${events.length} events) though not due`,
          );
      } else if (rows.length !== events.length) {
        violations.push(
          `${task.id} ${rung.level} ${when}: ${rows.length} escalation rows but ${events.length} audit events`,
        );
      }
      for (const row of rows) {
        if (row.fired_at.getTime() !== rung.at)
          violations.push(
            `${task.id} ${rung.level}: recorded as due ${row.fired_at.toISOString()}, the ladder says ${iso(rung.at)}`,
          );
        if (row.late && !(completedAt !== undefined && completedAt >= rung.at))
          violations.push(
            `${task.id} ${rung.level} ${when}: recorded late though not completed after it`,
          );
      }
    }
    const leaderLevel = escalations.some((e) => e.task_id === task.id && e.level !== 'REMINDER');
    if (task.overdue !== leaderLevel)
      violations.push(
        `${task.id}: overdue is ${task.overdue}, but a leader level ${leaderLevel ? 'fired' : 'did not fire'}`,
      );
  }
  for (const row of escalations)
    if (!tasksById.get(row.task_id)?.rungs.some((r) => r.level === row.level))
      violations.push(`${row.id}: an escalation row with no such rung on its task`);
  for (const audit of audits.filter((a) => a.action.startsWith('ESCALATION_')))
    if (
      !escalations.some(
        (e) => e.task_id === audit.task_id && `ESCALATION_${e.level}` === audit.action,
      )
    )
      violations.push(
        `${audit.subject_id}: ${audit.action} for ${audit.task_id} with no escalation row`,
      );

  // Actions: each one answered with success exactly once, at its stamp; the tasks it opened and
  // completed, and no others.
  for (const dc of driven) {
    const events = audits.filter((a) => a.subject_id === dc.caseId);
    const accepted = events.filter((a) => a.action === 'CASE_ACCEPTED').length;
    if (accepted !== 1) violations.push(`${dc.caseId}: CASE_ACCEPTED recorded ${accepted} times`);
    const actionEvents = events.filter(
      (a) => a.action !== 'CASE_ACCEPTED' && !a.action.startsWith('ESCALATION_'),
    );
    const audited = (cmd: SentCommand, action: string) =>
      actionEvents.filter((a) => a.action === action && a.occurred_at.getTime() === cmd.at).length;
    for (const cmd of dc.commands) {
      const what = `${dc.caseId}: ${cmd.action} sent ${iso(cmd.at)} (${cmd.attempts} attempt(s))`;
      for (const action of cmd.audits) {
        const times = audited(cmd, action);
        if (cmd.outcome === 'applied' && times !== 1)
          violations.push(`${what}: answered with success, ${action} recorded ${times} times`);
        if (cmd.outcome === 'refused')
          violations.push(`${what}: refused (${cmd.detail}); ${action} recorded ${times} times`);
      }
      if (cmd.outcome === 'unanswered')
        violations.push(`${what}: no answer within ${COMMAND_BUDGET_MS} ms (${cmd.detail})`);
    }
    const answered = dc.commands.filter((c) => c.outcome === 'applied');
    const owed = answered.reduce((n, c) => n + c.audits.length, 0);
    if (actionEvents.length !== owed)
      violations.push(
        `${dc.caseId}: ${actionEvents.length} action events (${actionEvents.map((a) => a.action).join(', ')}) for ${owed} owed by the applied commands`,
      );

    const instances: Record<string, number> = { FILING_REVIEW: 1 };
    const expectedTasks = new Map<string, number | null>([[`${dc.caseId}:FILING_REVIEW:1`, null]]);
    for (const cmd of answered) {
      for (const step of cmd.completes)
        expectedTasks.set(`${dc.caseId}:${step}:${instances[step]}`, cmd.at);
      for (const step of cmd.opens) {
        instances[step] = (instances[step] ?? 0) + 1;
        expectedTasks.set(`${dc.caseId}:${step}:${instances[step]}`, null);
      }
    }
    const caseTasks = tasks.filter((t) => t.case_id === dc.caseId);
    for (const [taskId, completedAt] of expectedTasks) {
      const task = tasksById.get(taskId);
      if (!task) violations.push(`${taskId}: no task row`);
      else if ((task.completed_at?.getTime() ?? null) !== completedAt)
        violations.push(
          `${taskId}: completed ${task.completed_at?.toISOString() ?? 'never'}, expected ${completedAt === null ? 'open' : iso(completedAt)}`,
        );
    }
    for (const task of caseTasks)
      if (!expectedTasks.has(task.id)) violations.push(`${task.id}: a task no action opened`);
  }
  return { violations, expected, found, completedAfterARung };
}

const iso = (instant: number) => new Date(instant).toISOString();

export function summary(report: FaultInjectionReport): string[] {
  const { actions, completed, rungs } = report;
  return [
    `[fault] seed ${report.seed}, ${report.cases} cases, task queue ${report.taskQueue}`,
    `[fault] actions: ${actions.sent} sent, ${actions.applied} applied, ${actions.retried} retried, ${actions.refused} refused, ${actions.unanswered} unanswered`,
    `[fault] steps completed before their first rung: ${completed.beforeFirstRung}; after a rung was due: ${completed.afterARung}`,
    `[fault] rungs due: ${rungs.expected} expected, ${rungs.found} found once`,
    `[fault] kills: ${report.kills.length} (${report.kills.map((k) => `at ${k.atMs} ms with ${k.callsInFlight} call(s) in flight`).join('; ')})`,
    `[fault] steps of lost workflow tasks taken: ${report.lostStepsTaken}`,
    `[fault] ${report.violations.length} violation(s) in ${Math.round(report.durationMs / 1000)} s`,
    ...report.violations.map((v) => `  - ${v}`),
  ];
}

async function main(): Promise<number> {
  const temporalAddress = process.env.TEMPORAL_ADDRESS;
  const databaseUrl = process.env.DATABASE_URL;
  if (!temporalAddress || !databaseUrl) {
    console.error(
      'Set TEMPORAL_ADDRESS and DATABASE_URL to the Temporal server and the migrated PostgreSQL ' +
        'to run against (for example those `npm start` prints); the run adds its own cases there.',
    );
    return 2;
  }
  const seed = Number(process.env.FAULT_SEED ?? Date.now() % 100_000);
  if (!Number.isInteger(seed)) {
    console.error(`FAULT_SEED=${process.env.FAULT_SEED} is not a whole number.`);
    return 2;
  }
  const report = await runFaultInjection({
    temporalAddress,
    databaseUrl,
    seed,
    keepWorkflows: process.env.FAULT_KEEP_WORKFLOWS === '1',
    log: (line) => console.log(line),
  });
  for (const line of summary(report)) console.log(line);
  if (report.violations.length > 0) console.log(`[fault] run again with FAULT_SEED=${seed}`);
  return report.violations.length === 0 ? 0 : 1;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`[fault] could not run: ${(error as Error).stack ?? String(error)}`);
      process.exit(2);
    },
  );
}
