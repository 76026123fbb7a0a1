// A deadline as a countdown and the share of its time used: red once overdue, amber when at risk.
import { Progress, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { countdownText, deadlineStatus } from '../../../domain/deadline-status';

const COLOURS = { OVERDUE: 'red', AT_RISK: 'orange', ON_TIME: 'green' } as const;

/** The current time, moving every second. */
export function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function Countdown({
  openedAt,
  dueAt,
  now,
}: {
  openedAt: string;
  dueAt: string;
  now: number;
}) {
  const status = deadlineStatus(Date.parse(openedAt), Date.parse(dueAt), now);
  const colour = COLOURS[status.state.code];
  return (
    <span data-state={status.state.code}>
      <Tag color={colour}>{status.state.label}</Tag>
      <span style={{ color: colour === 'green' ? undefined : colour }}>
        {countdownText(status.remainingMs)}
      </span>
      <Progress
        percent={Math.round(Math.min(1, status.usedShare) * 100)}
        size="small"
        status={status.state.code === 'OVERDUE' ? 'exception' : 'normal'}
        strokeColor={colour === 'orange' ? '#fa8c16' : undefined}
        style={{ width: 140, marginLeft: 8, display: 'inline-flex' }}
      />
    </span>
  );
}
