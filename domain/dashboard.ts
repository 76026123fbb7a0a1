// 督办看板: where a unit's open work stands now: per unit and per step, how many open steps are
// overdue, at risk or have been paused, and which cases have run long.
import { deadlineStatus, type DeadlineState } from './deadline-status';

/** A case open this many days or more is long-running (长期未结). */
export const LONG_RUNNING_DAYS = 30;

const DAY_MS = 24 * 3600_000;

export interface OpenStep {
  id: string;
  caseId: string | null;
  alarmId: string | null;
  step: string;
  stepLabel: string;
  unitId: string;
  openedAt: number;
  dueAt: number;
  /** Marked overdue by its first leader level (it stays so after an extension). */
  overdue: boolean;
  paused: boolean;
}

export interface OpenCase {
  id: string;
  title: string;
  unitId: string;
  stage: string;
  acceptedAt: number;
}

export interface Counts {
  open: number;
  overdue: number;
  atRisk: number;
  paused: number;
}

export interface Dashboard {
  totals: Counts;
  byUnit: Array<{ unitId: string } & Counts>;
  byStep: Array<{ step: string; label: string } & Counts>;
  /** The steps that are overdue or at risk, most urgent first: the drill-down. */
  urgent: Array<OpenStep & { state: DeadlineState }>;
  longRunning: Array<OpenCase & { days: number }>;
}

const empty = (): Counts => ({ open: 0, overdue: 0, atRisk: 0, paused: 0 });

/** The step's state now: overdue once marked or past due, else by its share of time used. */
export function stepState(step: OpenStep, now: number): DeadlineState {
  if (step.overdue) return 'OVERDUE';
  return deadlineStatus(step.openedAt, step.dueAt, now).state.code;
}

export function dashboardOf(steps: OpenStep[], cases: OpenCase[], now: number): Dashboard {
  const totals = empty();
  const units = new Map<string, Counts>();
  const kinds = new Map<string, { label: string } & Counts>();
  const urgent: Dashboard['urgent'] = [];
  for (const step of steps) {
    const state = stepState(step, now);
    const unit = units.get(step.unitId) ?? empty();
    units.set(step.unitId, unit);
    const kind = kinds.get(step.step) ?? { label: step.stepLabel, ...empty() };
    kinds.set(step.step, kind);
    for (const counts of [totals, unit, kind]) {
      counts.open += 1;
      if (state === 'OVERDUE') counts.overdue += 1;
      if (state === 'AT_RISK') counts.atRisk += 1;
      if (step.paused) counts.paused += 1;
    }
    if (state !== 'ON_TIME') urgent.push({ ...step, state });
  }
  urgent.sort((a, b) => a.dueAt - b.dueAt);
  return {
    totals,
    byUnit: [...units]
      .map(([unitId, c]) => ({ unitId, ...c }))
      .sort((a, b) => a.unitId.localeCompare(b.unitId)),
    byStep: [...kinds]
      .map(([step, c]) => ({ step, ...c }))
      .sort((a, b) => b.overdue - a.overdue || a.step.localeCompare(b.step)),
    urgent,
    longRunning: cases
      .map((c) => ({ ...c, days: Math.floor((now - c.acceptedAt) / DAY_MS) }))
      .filter((c) => c.days >= LONG_RUNNING_DAYS)
      .sort((a, b) => b.days - a.days),
  };
}
