// 全案考评: a unit's monthly figures and those of the units below it, as tables and charts, for any
// month, exportable as CSV.
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Evaluation, StepFigures } from '../../../domain/evaluation';
import { evaluationCsv, overallRate } from '../../../domain/evaluation-csv';
import { answer, api } from '../api';
import { Chart } from '../components/Chart';
import { currentSession } from '../session';

interface Unit {
  id: string;
  name: string;
}

interface Figures {
  evaluation: Evaluation;
  subUnits: Array<{ id: string; name: string; evaluation: Evaluation }>;
}

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

/** The units directly below `unit` (one more segment of the id). */
const childrenOf = (units: Unit[], unit: string) =>
  units.filter((u) => u.id.startsWith(`${unit}.`) && !u.id.slice(unit.length + 1).includes('.'));

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

export function EvaluationPage() {
  const session = currentSession();
  const [params, setParams] = useSearchParams();
  const [units, setUnits] = useState<Unit[]>([]);
  const [figures, setFigures] = useState<Figures>();
  const [problem, setProblem] = useState<string>();
  const unit = params.get('unit') ?? session?.person.unit?.id ?? '';
  const month: Dayjs = params.get('month')
    ? dayjs(`${params.get('month')}-01`)
    : dayjs().startOf('month');

  useEffect(() => {
    void answer<{ items: Unit[] }>(api.GET('/directory/units'))
      .then((body) => setUnits(body.items))
      .catch(() => undefined);
  }, []);

  const monthKey = month.format('YYYY-MM');
  useEffect(() => {
    if (!unit) return;
    const from = dayjs(`${monthKey}-01`).startOf('month');
    const query = (id: string) =>
      answer<Evaluation>(
        api.GET('/evaluation', {
          params: { query: { unit: id, from: from.format(), to: from.add(1, 'month').format() } },
        }),
      );
    setFigures(undefined);
    const below = childrenOf(units, unit);
    Promise.all([query(unit), ...below.map((u) => query(u.id))])
      .then(([evaluation, ...rest]) => {
        setFigures({
          evaluation: evaluation!,
          subUnits: below.map((u, i) => ({ ...u, evaluation: rest[i]! })),
        });
        setProblem(undefined);
      })
      .catch((error: Error) => setProblem(error.message));
  }, [unit, monthKey, units]);

  const unitName = units.find((u) => u.id === unit)?.name ?? unit;
  const rateChart = useMemo(
    () => ({
      tooltip: { trigger: 'axis' as const },
      grid: { left: 48, right: 16, bottom: 80 },
      xAxis: {
        type: 'category' as const,
        data: figures?.evaluation.steps.map((s) => s.policy.label) ?? [],
        axisLabel: { rotate: 30 },
      },
      yAxis: { type: 'value' as const, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: '按期率',
          type: 'bar' as const,
          data:
            figures?.evaluation.steps.map((s) =>
              s.rate === null ? null : Math.round(s.rate * 1000) / 10,
            ) ?? [],
        },
      ],
    }),
    [figures],
  );
  const unitChart = useMemo(
    () => ({
      tooltip: { trigger: 'axis' as const },
      legend: { top: 0, data: ['受案', '结案', '超期环节'] },
      grid: { left: 48, right: 16, top: 40, bottom: 32 },
      xAxis: { type: 'category' as const, data: figures?.subUnits.map((u) => u.name) ?? [] },
      yAxis: { type: 'value' as const, minInterval: 1 },
      series: (['受案', '结案', '超期环节'] as const).map((name) => ({
        name,
        type: 'bar' as const,
        data:
          figures?.subUnits.map((u) =>
            name === '受案'
              ? u.evaluation.cases.opened
              : name === '结案'
                ? u.evaluation.cases.closed
                : u.evaluation.overdueSteps.count,
          ) ?? [],
      })),
    }),
    [figures],
  );

  const e = figures?.evaluation;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          全案考评
        </Typography.Title>
        <Space wrap>
          <Select
            style={{ minWidth: 240 }}
            value={unit}
            showSearch
            optionFilterProp="label"
            options={units.map((u) => ({ value: u.id, label: `${u.name}（${u.id}）` }))}
            onChange={(value) => setParams({ unit: value, month: monthKey })}
            aria-label="单位"
          />
          <DatePicker
            picker="month"
            allowClear={false}
            value={month}
            onChange={(value) => value && setParams({ unit, month: value.format('YYYY-MM') })}
          />
          <Button
            disabled={!figures}
            onClick={() =>
              figures &&
              download(
                `全案考评-${unit}-${monthKey}.csv`,
                evaluationCsv(figures.evaluation, unitName, figures.subUnits),
              )
            }
          >
            导出 CSV
          </Button>
        </Space>
      </Space>
      {problem && <Alert type="error" showIcon message={problem} />}
      {e && (
        <>
          <Row gutter={[16, 16]}>
            {[
              ['受案', e.cases.opened],
              ['结案', e.cases.closed],
              ['超期环节', e.overdueSteps.count],
              ['督办（一级/二级）', `${e.escalations.FIRST_LEVEL} / ${e.escalations.SECOND_LEVEL}`],
              ['延长期限', e.extensions],
              ['按期率', percent(overallRate(e))],
            ].map(([title, value]) => (
              <Col key={title} xs={12} md={8} lg={4}>
                <Card size="small">
                  <Statistic title={title} value={value} />
                </Card>
              </Col>
            ))}
          </Row>
          <Card title="各环节按期率">
            <Chart option={rateChart} />
            <Table<StepFigures>
              rowKey={(s) => s.policy.code}
              dataSource={e.steps}
              pagination={false}
              size="small"
              locale={{ emptyText: '本月没有完成或超期的环节' }}
              columns={[
                { title: '环节', key: 'policy', render: (_, s) => s.policy.label },
                { title: '办理主体', key: 'owner', render: (_, s) => s.owner?.label ?? '—' },
                { title: '完成', dataIndex: 'completed' },
                { title: '按期', dataIndex: 'onTime' },
                { title: '超期完成', dataIndex: 'late' },
                { title: '按期率', key: 'rate', render: (_, s) => percent(s.rate) },
                { title: '超期', dataIndex: 'overdue' },
              ]}
            />
          </Card>
          {figures.subUnits.length > 0 && (
            <Card title="下级单位">
              <Chart option={unitChart} height={280} />
              <Table
                rowKey="id"
                dataSource={figures.subUnits}
                pagination={false}
                size="small"
                columns={[
                  {
                    title: '单位',
                    key: 'name',
                    render: (_, u) => (
                      <a onClick={() => setParams({ unit: u.id, month: monthKey })}>{u.name}</a>
                    ),
                  },
                  { title: '受案', key: 'opened', render: (_, u) => u.evaluation.cases.opened },
                  { title: '结案', key: 'closed', render: (_, u) => u.evaluation.cases.closed },
                  {
                    title: '超期环节',
                    key: 'overdue',
                    render: (_, u) => u.evaluation.overdueSteps.count,
                  },
                  {
                    title: '按期率',
                    key: 'rate',
                    render: (_, u) => percent(overallRate(u.evaluation)),
                  },
                ]}
              />
            </Card>
          )}
        </>
      )}
    </Space>
  );
}
