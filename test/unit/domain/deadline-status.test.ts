import { countdownText, deadlineStatus } from '../../../domain/deadline-status';

const HOUR = 3600_000;
const opened = Date.parse('2026-12-01T08:00:00+08:00');
const due = opened + 100 * HOUR;

describe('deadlineStatus: how a step looks in My work', () => {
  it.each([
    ['just opened', opened, 'ON_TIME', '正常', 0],
    ['half its time used', opened + 50 * HOUR, 'ON_TIME', '正常', 0.5],
    ['just before the last quarter', opened + 74 * HOUR, 'ON_TIME', '正常', 0.74],
    ['in the last quarter', opened + 75 * HOUR, 'AT_RISK', '临期', 0.75],
    [
      'a second before the due instant',
      due - 1000,
      'AT_RISK',
      '临期',
      (due - 1000 - opened) / (due - opened),
    ],
    ['at the due instant', due, 'OVERDUE', '已超期', 1],
    ['a day late', due + 24 * HOUR, 'OVERDUE', '已超期', 1.24],
  ])('%s: %s', (_, now, code, label, used) => {
    const status = deadlineStatus(opened, due, now);
    expect(status.state).toEqual({ code, label });
    expect(status.usedShare).toBeCloseTo(used, 6);
    expect(status.remainingMs).toBe(due - now);
  });

  it('counts a step due at the moment it opens (a zero-length drill deadline) as overdue', () => {
    expect(deadlineStatus(opened, opened, opened).state.code).toBe('OVERDUE');
  });
});

describe('countdownText', () => {
  it.each([
    [2 * 24 * HOUR + 3 * HOUR + 59_000, '剩 2天3小时'],
    [2 * 24 * HOUR + 5 * 60_000, '剩 2天0小时'],
    [3 * HOUR + 20 * 60_000, '剩 3小时20分'],
    [45_000, '剩 45秒'],
    [0, '剩 0秒'],
    [-(5 * 60_000 + 20_000), '超期 5分20秒'],
    [-(26 * HOUR), '超期 1天2小时'],
  ])('%d ms: %s', (ms, text) => {
    expect(countdownText(ms)).toBe(text);
  });
});
