// A case's deadlines drawn against time: each step a bar from its opening to its completion (or
// now), its due instant a diamond, pauses shaded, extensions and escalations marked where they
// happened. Red once a step went overdue.
import type { CustomSeriesRenderItem, EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { Chart } from './Chart';
import type { Deadline } from './Deadlines';

export interface DeadlineEvent {
  at: string;
  action: string;
  data?: { taskId?: string };
}

export interface FiredEscalation {
  taskId: string;
  level: { code: string; label: string };
  firedAt: string;
}

const time = (iso: string) => Date.parse(iso);

/**
 * Draws a value [row, from, to] as a bar `share` of its row high, in the series' colour or `fill`.
 */
const span =
  (share: number, fill?: { fill: string }): CustomSeriesRenderItem =>
  (_params, api) => {
    const start = api.coord([api.value(1), api.value(0)]);
    const end = api.coord([api.value(2), api.value(0)]);
    const height = (api.size?.([0, 1]) as number[])[1]! * share;
    return {
      type: 'rect',
      shape: {
        x: start[0]!,
        y: start[1]! - height / 2,
        width: Math.max(2, end[0]! - start[0]!),
        height,
      },
      style: fill ?? api.style(),
    };
  };

export function DeadlineChart({
  deadlines,
  escalations,
  events,
  now,
}: {
  deadlines: Deadline[];
  escalations: FiredEscalation[];
  events: DeadlineEvent[];
  now: number;
}) {
  const option = useMemo((): EChartsOption => {
    const row = new Map(deadlines.map((d, i) => [d.taskId, i]));
    const bar = (start: number, end: number, i: number, color: string) => ({
      value: [i, start, end],
      itemStyle: { color },
    });
    return {
      tooltip: { trigger: 'item' },
      legend: { top: 0, data: ['办理期间', '中止', '期限', '延长', '督办'] },
      grid: { left: 120, right: 24, top: 36, bottom: 32 },
      xAxis: { type: 'time' },
      yAxis: {
        type: 'category',
        inverse: true,
        data: deadlines.map((d) => d.policy.label),
      },
      series: [
        {
          name: '办理期间',
          type: 'custom',
          renderItem: span(0.5),
          encode: { x: [1, 2], y: 0 },
          data: deadlines.map((d, i) =>
            bar(
              time(d.openedAt),
              d.completedAt ? time(d.completedAt) : now,
              i,
              d.overdue ? '#ff7875' : '#69b1ff',
            ),
          ),
        },
        {
          name: '中止',
          type: 'custom',
          renderItem: span(0.7, { fill: 'rgba(0,0,0,0.25)' }),
          encode: { x: [1, 2], y: 0 },
          data: deadlines.flatMap((d, i) =>
            (d.pauses ?? []).map((p) => bar(p.from, p.to, i, 'rgba(0,0,0,0.25)')),
          ),
        },
        {
          name: '期限',
          type: 'scatter',
          symbol: 'diamond',
          symbolSize: 14,
          itemStyle: { color: '#262626' },
          data: deadlines.map((d, i) => [time(d.dueAt), i]),
        },
        {
          name: '延长',
          type: 'scatter',
          symbol: 'arrow',
          symbolRotate: -90,
          symbolSize: 12,
          itemStyle: { color: '#52c41a' },
          data: events
            .filter((e) => e.action === 'DEADLINE_EXTENDED' && row.has(e.data?.taskId ?? ''))
            .map((e) => [time(e.at), row.get(e.data!.taskId!)!]),
        },
        {
          name: '督办',
          type: 'scatter',
          symbol: 'triangle',
          symbolSize: 12,
          itemStyle: { color: '#fa541c' },
          data: escalations
            .filter((e) => row.has(e.taskId))
            .map((e) => ({ value: [time(e.firedAt), row.get(e.taskId)!], name: e.level.label })),
        },
      ],
    };
  }, [deadlines, escalations, events, now]);
  return <Chart option={option} height={Math.max(160, 60 + deadlines.length * 44)} />;
}
