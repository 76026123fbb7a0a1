// 我的待办: the caller's open steps, soonest due first, each with its countdown. The filter lives in
// the URL, so that a filtered list can be bookmarked and shared.
import { Alert, Button, Segmented, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { DEADLINE_POLICIES } from '../../../domain/deadline-policies';
import { deadlineStatus, DEADLINE_STATES } from '../../../domain/deadline-status';
import { answer, api } from '../api';
import { useNotifications } from '../notifications';
import { Countdown, useNow } from '../components/Countdown';
import { subjectId, subjectPage } from '../subject-pages';
import type { WorkItem } from '../../../api/views';

const FILTERS = [
  { value: 'ALL', label: '全部' },
  ...Object.entries(DEADLINE_STATES).map(([value, label]) => ({ value, label })),
];

/** The step of a proposal's approver (domain/deadline-policies.ts, APPROVAL). */
const APPROVAL_STEP = DEADLINE_POLICIES.APPROVAL.code;

export function MyWork() {
  const [items, setItems] = useState<WorkItem[]>();
  const [problem, setProblem] = useState<string>();
  const [params, setParams] = useSearchParams();
  const filter = params.get('state') ?? 'ALL';
  const now = useNow();

  const load = useCallback(() => {
    answer<{ items: WorkItem[] }>(api.GET('/me/tasks', { params: { query: { limit: 200 } } }))
      .then((body) => {
        setItems(body.items);
        setProblem(undefined);
      })
      .catch((error: Error) => setProblem(error.message));
  }, []);
  // Every notification may change the list: it reloads without the page being reloaded.
  const { revision } = useNotifications();
  useEffect(load, [load, revision]);

  const shown = (items ?? []).filter(
    (t) =>
      filter === 'ALL' ||
      deadlineStatus(Date.parse(t.openedAt), Date.parse(t.dueAt), now).state.code === filter,
  );

  return (
    <>
      <Space style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          我的待办
        </Typography.Title>
        <Space>
          <Segmented
            options={FILTERS}
            value={filter}
            onChange={(value) => setParams(value === 'ALL' ? {} : { state: String(value) })}
          />
          <Button onClick={load}>刷新</Button>
        </Space>
      </Space>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} />}
      <Table<WorkItem>
        rowKey="id"
        loading={!items && !problem}
        dataSource={shown}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: '没有待办事项' }}
        columns={[
          {
            title: '环节',
            key: 'step',
            render: (_, t) =>
              // A proposal waiting on the caller's approval (审批): decided on its case's page.
              t.step.code === APPROVAL_STEP ? (
                <span>
                  <Tag color="gold">{t.step.label}</Tag>
                  <Typography.Text type="secondary">{t.step.code}</Typography.Text>
                </span>
              ) : (
                <span>
                  {t.step.label} <Typography.Text type="secondary">{t.step.code}</Typography.Text>
                </span>
              ),
          },
          {
            title: '办理对象',
            key: 'subject',
            render: (_, t) => (
              <Link to={subjectPage(t.links.subject)}>{subjectId(t.links.subject)}</Link>
            ),
          },
          { title: '单位', dataIndex: 'unitId' },
          {
            title: '期限',
            key: 'due',
            render: (_, t) => dayjs(t.dueAt).format('YYYY-MM-DD HH:mm:ss'),
          },
          {
            title: '倒计时',
            key: 'countdown',
            render: (_, t) => <Countdown openedAt={t.openedAt} dueAt={t.dueAt} now={now} />,
          },
        ]}
      />
    </>
  );
}
