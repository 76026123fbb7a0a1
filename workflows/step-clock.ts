// One open step's clock inside a workflow: durable timers for the rungs of its escalation ladder
// (reminder, first leader level at the deadline, second after the grace). Each rung fires at most
// once per step instance; completing the step cancels what has not fired; an extension moves the
// rungs that have not fired yet.
//
// Workflows read no clock (no Date in workflows/): every event that opens, extends or completes a
// step carries its time, stamped by the API or an activity, and timers are measured from it.
import { CancellationScope, condition, isCancellation } from '@temporalio/workflow';
import type { EscalationLevel, EscalationRung } from '../domain/escalation';
import { outsideRequest } from './request-scope';

export interface StepClockState {
  taskId: string;
  policyCode: string;
  openedAt: number;
  dueAt: number;
  rungs: EscalationRung[];
  fired: EscalationLevel[];
  completedAt?: number;
  overdue: boolean;
}

export class StepClock {
  private scope?: CancellationScope;
  /** Bumped on every change of the schedule, so a waiting timer knows to start over. */
  private version = 0;
  private rescheduledAt = 0;

  constructor(
    readonly state: StepClockState,
    private readonly fire: (rung: EscalationRung, clock: StepClockState) => Promise<void>,
  ) {}

  /**
   * Runs the ladder from `now` (the time of the event that opened or resumed the step), outside
   * the request that opened it: a rung fires on its own time, not as part of that request.
   */
  run(now: number): Promise<void> {
    this.scope = new CancellationScope();
    const scope = this.scope;
    return outsideRequest(() => scope.run(() => this.ladder(now))).catch((error: unknown) => {
      if (!isCancellation(error)) throw error;
    });
  }

  private async ladder(startedAt: number): Promise<void> {
    let now = startedAt;
    while (this.state.completedAt === undefined) {
      const next = this.state.rungs.find((rung) => !this.state.fired.includes(rung.level));
      if (!next) return;
      const version = this.version;
      const wait = Math.max(0, next.at - now);
      const interrupted = await condition(
        () => this.version !== version || this.state.completedAt !== undefined,
        wait,
      );
      if (interrupted) {
        if (this.state.completedAt !== undefined) return;
        now = this.rescheduledAt;
        continue;
      }
      now = next.at;
      this.state.fired.push(next.level);
      if (next.level === 'FIRST_LEVEL') this.state.overdue = true;
      // A rung that fired is recorded even if the step completes meanwhile.
      await CancellationScope.nonCancellable(() => this.fire(next, this.state));
    }
  }

  /** New deadline after an extension: rungs that fired stay fired; the others move. */
  reschedule(rungs: EscalationRung[], dueAt: number, at: number): void {
    this.state.rungs = rungs;
    this.state.dueAt = dueAt;
    this.rescheduledAt = at;
    this.version += 1;
  }

  complete(at: number): void {
    this.state.completedAt = at;
    this.scope?.cancel();
  }
}
