import { dashboardOf, LONG_RUNNING_DAYS, type OpenStep } from '../../../domain/dashboard';

const HOUR = 3600_000;
const now = Date.parse('2026-12-01T12:00:00+08:00');
const step = (
  id: string,
  unitId: string,
  openedHoursAgo: number,
  dueInHours: number,
  more: Partial<OpenStep> = {},
): OpenStep => ({
  id,
  caseId: `case-${id}`,
  alarmId: null,
  step: 'FILING_REVIEW',
  stepLabel: '刑事立案审查',
  unitId,
  openedAt: now - openedHoursAgo * HOUR,
  dueAt: now + dueInHours * HOUR,
  overdue: false,
  paused: false,
  ...more,
});

it('counts open, overdue, at-risk and paused steps per unit and per step, and lists the urgent ones soonest due first', () => {
  const board = dashboardOf(
    [
      step('a', 'gaj.cg', 10, 90), // 10% used: on time
      step('b', 'gaj.cg', 80, 20), // 80% used: at risk
      step('c', 'gaj.cg.zaz', 50, -1), // past due
      // Extended after it went overdue: still counted overdue; paused once.
      step('d', 'gaj.cg.zaz', 10, 200, {
        overdue: true,
        paused: true,
        step: 'ADMIN_CASE',
        stepLabel: '治安案件办理期限',
      }),
    ],
    [],
    now,
  );
  expect(board.totals).toEqual({ open: 4, overdue: 2, atRisk: 1, paused: 1 });
  expect(board.byUnit).toEqual([
    { unitId: 'gaj.cg', open: 2, overdue: 0, atRisk: 1, paused: 0 },
    { unitId: 'gaj.cg.zaz', open: 2, overdue: 2, atRisk: 0, paused: 1 },
  ]);
  expect(board.byStep).toEqual([
    { step: 'ADMIN_CASE', label: '治安案件办理期限', open: 1, overdue: 1, atRisk: 0, paused: 1 },
    { step: 'FILING_REVIEW', label: '刑事立案审查', open: 3, overdue: 1, atRisk: 1, paused: 0 },
  ]);
  expect(board.urgent.map((s) => [s.id, s.state])).toEqual([
    ['c', 'OVERDUE'],
    ['b', 'AT_RISK'],
    ['d', 'OVERDUE'],
  ]);
});

it(`lists the cases open ${LONG_RUNNING_DAYS} days or more, longest first`, () => {
  const day = 24 * HOUR;
  const open = (id: string, days: number) => ({
    id,
    title: id,
    unitId: 'gaj.cg',
    stage: 'INVESTIGATION',
    acceptedAt: now - days * day,
  });
  const board = dashboardOf([], [open('new', 29), open('old', 90), open('month', 30)], now);
  expect(board.longRunning.map((c) => [c.id, c.days])).toEqual([
    ['old', 90],
    ['month', 30],
  ]);
});
