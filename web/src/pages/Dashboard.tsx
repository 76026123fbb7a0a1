// 督办看板: a unit's open work now: overdue, at-risk and paused steps by unit and by step (a click on
// a unit drills down to it), the urgent steps with links to their cases, the long-running cases.
import { Alert, Card, Col, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { DEADLINE_STATES, countdownText } from '../../../domain/deadline-status';
import { answer, api } from '../api';
import { Chart } from '../components/Chart';
import { useNow } from '../components/Countdown';
import { useNotifications } from '../notifications';
import { currentSession } from '../session';
import type { DashboardView } from '../../../api/views';

type Board = DashboardView;

interface Unit {
  id: string;
  name: string;
}

const COUNT_COLUMNS = [
  { title: '在办环节', dataIndex: 'open' },
  {
    title: '超期',
    dataIndex: 'overdue',
    render: (n: number) => (n ? <b style={{ color: 'red' }}>{n}</b> : n),
  },
  {
    title: '临期',
    dataIndex: 'atRisk',
    render: (n: number) => (n ? <b style={{ color: '#fa8c16' }}>{n}</b> : n),
  },
  { title: '曾中止', dataIndex: 'paused' },
];

export function Dashboard() {
  const session = currentSession();
  const [params, setParams] = useSearchParams();
  const unit = params.get('unit') ?? session?.person.unit?.id ?? '';
  const [board, setBoard] = useState<Board>();
  const [units, setUnits] = useState<Unit[]>([]);
  const [problem, setProblem] = useState<string>();
  const now = useNow();
  const { revision } = useNotifications();

  useEffect(() => {
    void answer<{ items: Unit[] }>(api.GET('/directory/units'))
      .then((body) => setUnits(body.items))
      .catch(() => undefined);
  }, []);
  const load = useCallback(() => {
    if (!unit) return;
    answer<Board>(api.GET('/dashboard', { params: { query: { unit } } }))
      .then((body) => {
        setBoard(body);
        setProblem(undefined);
      })
      .catch((error: Error) => setProblem(error.message));
  }, [unit]);
  useEffect(load, [load, revision]);

  const name = (id: string) => units.find((u) => u.id === id)?.name ?? id;
  const chart = useMemo(
    () => ({
      tooltip: { trigger: 'axis' as const },
      legend: { top: 0, data: ['超期', '临期', '正常'] },
      grid: { left: 48, right: 16, top: 40, bottom: 32 },
      xAxis: { type: 'category' as const, data: board?.byUnit.map((u) => name(u.unitId)) ?? [] },
      yAxis: { type: 'value' as const, minInterval: 1 },
      series: [
        {
          name: '超期',
          type: 'bar' as const,
          stack: 'steps',
          color: '#f5222d',
          data: board?.byUnit.map((u) => u.overdue) ?? [],
        },
        {
          name: '临期',
          type: 'bar' as const,
          stack: 'steps',
          color: '#fa8c16',
          data: board?.byUnit.map((u) => u.atRisk) ?? [],
        },
        {
          name: '正常',
          type: 'bar' as const,
          stack: 'steps',
          barMaxWidth: 60,
          color: '#52c41a',
          data: board?.byUnit.map((u) => u.open - u.overdue - u.atRisk) ?? [],
        },
      ],
    }),
    [board, units],
  );

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          督办看板
        </Typography.Title>
        <Select
          style={{ minWidth: 260 }}
          value={unit}
          showSearch
          optionFilterProp="label"
          options={units.map((u) => ({ value: u.id, label: `${u.name}（${u.id}）` }))}
          onChange={(value) => setParams({ unit: value })}
          aria-label="单位"
        />
      </Space>
      {problem && <Alert type="error" showIcon message={problem} />}
      {board && (
        <>
          <Row gutter={[16, 16]}>
            {(
              [
                ['在办环节', board.totals.open],
                ['超期', board.totals.overdue],
                ['临期', board.totals.atRisk],
                ['曾中止', board.totals.paused],
                ['长期未结案件', board.longRunning.length],
              ] as const
            ).map(([title, value]) => (
              <Col key={title} xs={12} md={8} lg={4}>
                <Card size="small" data-figure={title}>
                  <Statistic title={title} value={value} />
                </Card>
              </Col>
            ))}
          </Row>
          <Card title="按单位">
            <Chart option={chart} height={260} />
            <Table
              rowKey="unitId"
              size="small"
              pagination={false}
              dataSource={board.byUnit}
              columns={[
                {
                  title: '单位',
                  key: 'unit',
                  render: (_, u: { unitId: string }) =>
                    u.unitId === unit ? (
                      name(u.unitId)
                    ) : (
                      <a onClick={() => setParams({ unit: u.unitId })}>{name(u.unitId)}</a>
                    ),
                },
                ...COUNT_COLUMNS,
              ]}
            />
          </Card>
          <Card title="按环节">
            <Table
              rowKey="step"
              size="small"
              pagination={false}
              dataSource={board.byStep}
              columns={[{ title: '环节', dataIndex: 'label' }, ...COUNT_COLUMNS]}
            />
          </Card>
          <Card title="超期与临期环节">
            <Table
              rowKey="id"
              size="small"
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              dataSource={board.urgent}
              locale={{ emptyText: '没有超期或临期的环节' }}
              columns={[
                {
                  title: '状态',
                  key: 'state',
                  render: (_, s) => (
                    <Tag color={s.state === 'OVERDUE' ? 'red' : 'orange'}>
                      {DEADLINE_STATES[s.state]}
                    </Tag>
                  ),
                },
                { title: '环节', dataIndex: 'stepLabel' },
                {
                  title: '案件/警情',
                  key: 'subject',
                  render: (_, s) =>
                    s.caseId ? (
                      <Link to={`/case/${s.caseId}`}>{s.caseId}</Link>
                    ) : (
                      <Link to={`/alarm/${s.alarmId}`}>{s.alarmId}</Link>
                    ),
                },
                { title: '单位', key: 'unit', render: (_, s) => name(s.unitId) },
                {
                  title: '期限',
                  key: 'due',
                  render: (_, s) =>
                    `${dayjs(s.dueAt).format('YYYY-MM-DD HH:mm')}（${countdownText(Date.parse(s.dueAt) - now)}）`,
                },
              ]}
            />
          </Card>
          <Card title="长期未结案件">
            <Table
              rowKey="id"
              size="small"
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              dataSource={board.longRunning}
              locale={{ emptyText: '没有长期未结的案件' }}
              columns={[
                {
                  title: '案件',
                  key: 'title',
                  render: (_, c) => <Link to={`/case/${c.id}`}>{c.title}</Link>,
                },
                { title: '阶段', key: 'stage', render: (_, c) => c.stage.label },
                { title: '单位', key: 'unit', render: (_, c) => name(c.unitId) },
                { title: '已办理（天）', dataIndex: 'days' },
              ]}
            />
          </Card>
        </>
      )}
    </Space>
  );
}
