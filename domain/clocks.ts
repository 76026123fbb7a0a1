// The clocks of one case or alarm: its open deadlines (期限) with their escalation ladders, as pure
// data and the operations every decider shares. A rung is due at an absolute instant; it fires
// once; a step closed after a rung's due instant still gets that rung, recorded as late; a step
// closed before it never does.
import type { MonthCounting } from './calendar';
import type { StepSpec } from './case-deadlines';
import type { DeadlinePolicy, Period, PolicyCode } from './deadline-policies';
import { computeDeadline, type Explanation } from './deadlines';
import {
  acknowledgeRefusal,
  type EscalationAnswer,
  escalationLadder,
  type EscalationLevel,
  type EscalationRung,
} from './escalation';
import type { Role } from './roles';

/** A stage's clock, the case-wide one, a measure's, or a proposal's step (审批). */
export type ClockScope = 'STAGE' | 'CASE' | 'MEASURE' | 'APPROVAL';

export interface Pause {
  from: number;
  to: number;
  reason: string;
}

/** One open deadline with its escalation ladder. */
export interface Clock {
  taskId: string;
  step: string;
  policyCode: PolicyCode;
  scope: ClockScope;
  ownerRole: Role;
  openedAt: number;
  dueAt: number;
  rungs: EscalationRung[];
  fired: EscalationLevel[];
  variant?: string;
  custody?: boolean;
  /** Who is escalated to, where not the policy's ladder (an approval step's). */
  escalatesTo?: readonly [Role] | readonly [Role, Role];
  extensions: Period[];
  pauses: Pause[];
}

/** An escalation that fired: whom it went to, and whether they have answered it. */
export interface FiredEscalation {
  taskId: string;
  level: EscalationLevel;
  role: Role;
  acknowledged: boolean;
}

/** What a subject keeps of its clocks. */
export interface ClockBook {
  /** The open deadlines. */
  clocks: Clock[];
  /** How many instances of each step were opened: numbers the next one's task id. */
  stepInstances: Record<string, number>;
  escalations: FiredEscalation[];
}

/** A task as the read model shows it: its due time, the explanation and the ladder. */
export interface TaskRecord {
  taskId: string;
  step: string;
  policyCode: PolicyCode;
  policyLabel: string;
  scope: ClockScope;
  ownerRole: Role;
  ownerId?: string;
  openedAt: number;
  dueAt: number;
  rungs: EscalationRung[];
  explanation: Explanation[];
  warnings: Explanation[];
  variant?: string;
  extensions: Period[];
  pauses: Pause[];
}

export type AuditData = Record<string, string | number | boolean | null>;

export type ClockEffect =
  | { type: 'TASK_OPENED'; task: TaskRecord }
  | { type: 'TASK_RESCHEDULED'; task: TaskRecord }
  | { type: 'TASK_COMPLETED'; taskId: string; completedAt: number }
  | {
      type: 'ESCALATION_FIRED';
      taskId: string;
      level: EscalationLevel;
      targetRole: Role;
      /** When the rung was due: the instant the step became overdue, reminded or escalated. */
      dueAt: number;
      /** Recorded only because the step was completed after the rung's due instant. */
      late: boolean;
    }
  | {
      type: 'ESCALATION_ANSWERED';
      taskId: string;
      level: EscalationLevel;
      answer: string;
      answeredAt: number;
    }
  | {
      type: 'AUDIT';
      /** Unique per event; a retried write records it once. */
      key: string;
      action: string;
      actorId: string;
      actorRole: string;
      reason?: string;
      data?: AuditData;
      at: number;
    };

export const SYSTEM_ACTOR = { id: 'system', role: 'SYSTEM' };

/** An audit event of a transition, keyed by its subject, the version it makes and its place. */
export function auditEvent(
  key: string,
  actor: { id: string; role: string },
  action: string,
  at: number,
  extra: { reason?: string; data?: AuditData } = {},
): ClockEffect {
  return {
    type: 'AUDIT',
    key,
    action,
    actorId: actor.id,
    actorRole: actor.role,
    at,
    ...(extra.reason ? { reason: extra.reason } : {}),
    ...(extra.data ? { data: extra.data } : {}),
  };
}

/** The earliest instant a rung of an open clock is due, if any. */
export function nextRungDue(book: ClockBook): number | undefined {
  let next: number | undefined;
  for (const clock of book.clocks)
    for (const rung of clock.rungs)
      if (!clock.fired.includes(rung.level) && (next === undefined || rung.at < next))
        next = rung.at;
  return next;
}

/** Keeps a book's clocks through one transition, collecting the effects. */
export class ClockKeeper {
  constructor(
    private readonly book: ClockBook,
    private readonly subjectId: string,
    private readonly policy: (code: PolicyCode) => DeadlinePolicy,
    readonly effects: Array<ClockEffect | { type: string }>,
    /** Who owns a step their role holds (the case's handler), if anyone by name. */
    private readonly ownerOf: (role: Role) => string | undefined = () => undefined,
    /** Told of every rung that fires (a fact may follow from it). */
    private readonly onFire: (clock: Clock, rung: EscalationRung) => void = () => undefined,
    /** How periods in months are counted (a run decided before 高法解释 Art. 202 was applied keeps its count). */
    private readonly monthCounting: MonthCounting = 'ART_202',
  ) {}

  /** The clock's policy with its own owner and ladder (an approval step waits on its approver). */
  private policyOf(clock: Pick<Clock, 'policyCode' | 'ownerRole' | 'escalatesTo'>): DeadlinePolicy {
    const policy = this.policy(clock.policyCode);
    return {
      ...policy,
      owner: clock.ownerRole,
      escalatesTo: clock.escalatesTo ?? policy.escalatesTo,
    };
  }

  taskRecord(clock: Clock): TaskRecord {
    const policy = this.policyOf(clock);
    const deadline = computeDeadline({
      policy,
      triggeredAt: clock.openedAt,
      variant: clock.variant,
      custody: clock.custody,
      extensions: clock.extensions,
      pauses: clock.pauses,
      monthCounting: this.monthCounting,
    });
    const ownerId = this.ownerOf(clock.ownerRole);
    return {
      taskId: clock.taskId,
      step: clock.step,
      policyCode: clock.policyCode,
      policyLabel: policy.label,
      scope: clock.scope,
      ownerRole: clock.ownerRole,
      ...(ownerId ? { ownerId } : {}),
      openedAt: clock.openedAt,
      dueAt: deadline.dueAt,
      rungs: clock.rungs,
      explanation: deadline.steps,
      warnings: deadline.warnings,
      ...(clock.variant ? { variant: clock.variant } : {}),
      extensions: clock.extensions,
      pauses: clock.pauses,
    };
  }

  /**
   * Opens a step's deadline at `at`. Its task id numbers the step's instances, unless `taskId`
   * names it (an alarm's two steps each open once).
   */
  open(spec: StepSpec, scope: ClockScope, at: number, taskId?: string): Clock {
    const policy = this.policyOf({
      policyCode: spec.policy,
      ownerRole: spec.owner ?? this.policy(spec.policy).owner,
      ...(spec.escalatesTo ? { escalatesTo: spec.escalatesTo } : {}),
    });
    const instance = (this.book.stepInstances[spec.step] ?? 0) + 1;
    this.book.stepInstances[spec.step] = instance;
    const deadline = computeDeadline({
      policy,
      triggeredAt: at,
      variant: spec.variant,
      custody: spec.custody,
      monthCounting: this.monthCounting,
    });
    const clock: Clock = {
      taskId: taskId ?? `${this.subjectId}:${spec.step}:${instance}`,
      step: spec.step,
      policyCode: spec.policy,
      scope,
      ownerRole: policy.owner,
      openedAt: at,
      dueAt: deadline.dueAt,
      rungs: escalationLadder(policy, at, deadline.dueAt),
      fired: [],
      ...(spec.variant ? { variant: spec.variant } : {}),
      ...(spec.custody !== undefined ? { custody: spec.custody } : {}),
      ...(spec.escalatesTo ? { escalatesTo: spec.escalatesTo } : {}),
      extensions: [],
      pauses: [],
    };
    this.book.clocks.push(clock);
    this.effects.push({ type: 'TASK_OPENED', task: this.taskRecord(clock) });
    return clock;
  }

  /** A rung fires once; at the first level the step is overdue (超期). */
  fire(clock: Clock, rung: EscalationRung, late: boolean) {
    clock.fired.push(rung.level);
    this.book.escalations.push({
      taskId: clock.taskId,
      level: rung.level,
      role: rung.role,
      acknowledged: false,
    });
    this.onFire(clock, rung);
    this.effects.push({
      type: 'ESCALATION_FIRED',
      taskId: clock.taskId,
      level: rung.level,
      targetRole: rung.role,
      dueAt: rung.at,
      late,
    });
  }

  /** Fires every rung due by `at`; answers whether any was. */
  fireDue(at: number): boolean {
    let any = false;
    for (const clock of this.book.clocks)
      for (const rung of clock.rungs)
        if (!clock.fired.includes(rung.level) && rung.at <= at) {
          this.fire(clock, rung, false);
          any = true;
        }
    return any;
  }

  /** Closes the clocks `which` selects; rungs that were due before `at` still fire, late. */
  close(which: (clock: Clock) => boolean, at: number) {
    for (const clock of this.book.clocks.filter(which)) {
      for (const rung of clock.rungs)
        if (!clock.fired.includes(rung.level) && rung.at <= at) this.fire(clock, rung, true);
      this.effects.push({ type: 'TASK_COMPLETED', taskId: clock.taskId, completedAt: at });
    }
    this.book.clocks = this.book.clocks.filter((clock) => !which(clock));
  }

  /** A new due time after an extension or a pause: fired rungs stay fired; the others move. */
  recompute(clock: Clock): TaskRecord {
    const record = this.taskRecord(clock);
    clock.dueAt = record.dueAt;
    clock.rungs = escalationLadder(this.policyOf(clock), clock.openedAt, record.dueAt);
    const task = { ...record, rungs: clock.rungs };
    this.effects.push({ type: 'TASK_RESCHEDULED', task });
    return task;
  }

  /** A leader's answer to an escalation (an acknowledgement or a decision); why not, if refused. */
  acknowledge(
    request: {
      taskId: string;
      level: EscalationLevel;
      at: number;
      actor: { role: Role };
    },
    answer: EscalationAnswer = 'ACKNOWLEDGED',
  ): string | undefined {
    const refusal = acknowledgeRefusal(
      this.book.escalations.map((e) => ({
        taskId: e.taskId,
        level: { code: e.level },
        role: e.role,
        ...(e.acknowledged ? { acknowledged: true } : {}),
      })),
      request,
      answer,
    );
    if (refusal) return refusal;
    this.book.escalations.find(
      (e) => e.taskId === request.taskId && e.level === request.level,
    )!.acknowledged = true;
    this.effects.push({
      type: 'ESCALATION_ANSWERED',
      taskId: request.taskId,
      level: request.level,
      answer,
      answeredAt: request.at,
    });
    return undefined;
  }

  /** The open clock a request names, or why there is none. */
  openClock(taskId: string): Clock | string {
    const clock = this.book.clocks.find((c) => c.taskId === taskId);
    if (clock) return clock;
    const prefix = `${this.subjectId}:`;
    const [step, instance] = taskId.startsWith(prefix)
      ? taskId.slice(prefix.length).split(':')
      : [];
    const opened = step ? (this.book.stepInstances[step] ?? 0) : 0;
    return opened >= Number(instance ?? 1) && Number(instance ?? 1) >= 1
      ? `The deadline ${taskId} is already completed.`
      : `No deadline ${taskId} in this case.`;
  }
}

/** Every rung fired by a transition also gets its audit event, keyed by the rung. */
export function withEscalationAudits<E extends { type: string }>(
  effects: Array<E | ClockEffect>,
): Array<E | ClockEffect> {
  return effects.flatMap((effect): Array<E | ClockEffect> => {
    const fired = effect as ClockEffect;
    if (fired.type !== 'ESCALATION_FIRED') return [effect];
    return [
      effect,
      {
        type: 'AUDIT',
        key: `${fired.taskId}:${fired.level}`,
        action: `ESCALATION_${fired.level}`,
        actorId: SYSTEM_ACTOR.id,
        actorRole: SYSTEM_ACTOR.role,
        at: fired.dueAt,
        data: { taskId: fired.taskId, targetRole: fired.targetRole, late: fired.late },
      },
    ];
  });
}
