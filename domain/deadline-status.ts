// How a person sees an open step's deadline at a glance (我的待办): the share of its time used, and
// whether it is overdue, at risk (in the last part of its time) or on time. The countdown reads in
// Chinese, in the two largest units that matter.
import type { Labelled } from './labels';

/** A step is at risk (临期) once this share of its time is left. */
export const AT_RISK_SHARE_LEFT = 0.25;

export const DEADLINE_STATES = { OVERDUE: '已超期', AT_RISK: '临期', ON_TIME: '正常' } as const;
export type DeadlineState = keyof typeof DEADLINE_STATES;

export interface DeadlineStatus {
  state: Labelled<DeadlineState>;
  /** Of the time from opening to the due instant, how much has passed (0–1, more once overdue). */
  usedShare: number;
  /** Until the due instant; negative once overdue. */
  remainingMs: number;
}

export function deadlineStatus(openedAt: number, dueAt: number, now: number): DeadlineStatus {
  const total = dueAt - openedAt;
  const usedShare = total > 0 ? Math.max(0, (now - openedAt) / total) : 1;
  const code: DeadlineState =
    now >= dueAt ? 'OVERDUE' : usedShare >= 1 - AT_RISK_SHARE_LEFT ? 'AT_RISK' : 'ON_TIME';
  return { state: { code, label: DEADLINE_STATES[code] }, usedShare, remainingMs: dueAt - now };
}

const UNITS: Array<[ms: number, zh: string]> = [
  [24 * 3600_000, '天'],
  [3600_000, '小时'],
  [60_000, '分'],
  [1000, '秒'],
];

/** `剩 2天3小时` before the due instant, `超期 5分20秒` after it. */
export function countdownText(remainingMs: number): string {
  let left = Math.abs(remainingMs);
  const parts: string[] = [];
  for (const [ms, zh] of UNITS) {
    const n = Math.floor(left / ms);
    if (n > 0 || (parts.length > 0 && parts.length < 2)) parts.push(`${n}${zh}`);
    left -= n * ms;
    if (parts.length === 2) break;
  }
  const text = parts.length ? parts.join('') : '0秒';
  return remainingMs >= 0 ? `剩 ${text}` : `超期 ${text}`;
}
