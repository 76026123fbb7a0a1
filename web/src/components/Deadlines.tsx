// A case's or an alarm's deadlines: each step's start, due time and state (a countdown while open),
// the escalations fired, and why it is due then (expand a row).
import { Table, Tag } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { ESCALATION_LEVELS, type EscalationLevel } from '../../../domain/escalation';
import type { Labelled } from '../session';
import { Countdown, useNow } from './Countdown';

export interface Deadline {
  taskId: string;
  policy: Labelled;
  ownerRole: string;
  ownerId: string | null;
  openedAt: string;
  dueAt: string;
  completedAt?: string;
  overdue: boolean;
  fired: string[];
  explanation: Array<{ zh: string; en: string }>;
  pauses?: Array<{ from: number; to: number; reason: string }>;
}

const time = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm:ss');

export function Deadlines({
  deadlines,
  action,
}: {
  deadlines: Deadline[];
  /** What the caller may do on a deadline (呈请延长 on the case page), if anything. */
  action?: (deadline: Deadline) => ReactNode;
}) {
  const now = useNow();
  return (
    <Table<Deadline>
      rowKey="taskId"
      dataSource={deadlines}
      pagination={false}
      locale={{ emptyText: '没有期限' }}
      expandable={{
        expandedRowRender: (d) => (
          <ol style={{ margin: 0 }}>
            {d.explanation.map((step, i) => (
              <li key={i}>{step.zh}</li>
            ))}
          </ol>
        ),
      }}
      columns={[
        { title: '环节', key: 'policy', render: (_, d) => d.policy.label },
        { title: '开始', key: 'opened', render: (_, d) => time(d.openedAt) },
        { title: '期限', key: 'due', render: (_, d) => time(d.dueAt) },
        {
          title: '状态',
          key: 'state',
          render: (_, d) =>
            d.completedAt ? (
              <span>
                <Tag color={d.overdue ? 'red' : 'default'}>{d.overdue ? '超期完成' : '已完成'}</Tag>
                {time(d.completedAt)}
              </span>
            ) : (
              <Countdown openedAt={d.openedAt} dueAt={d.dueAt} now={now} />
            ),
        },
        {
          title: '督办',
          key: 'fired',
          render: (_, d) =>
            d.fired.map((level) => (
              <Tag key={level} color="volcano">
                {ESCALATION_LEVELS[level as EscalationLevel] ?? level}
              </Tag>
            )),
        },
        ...(action
          ? [{ title: '', key: 'action', render: (_: unknown, d: Deadline) => action(d) }]
          : []),
      ]}
    />
  );
}
