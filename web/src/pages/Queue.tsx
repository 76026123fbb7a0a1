// 检察院/法院队列: the cases handed to the caller's procuratorate or court, soonest due first, with
// the actions open to them (taken on the case page, from the same generated forms).
import { Alert, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { countdownText } from '../../../domain/deadline-status';
import { answer, api } from '../api';
import { useNow } from '../components/Countdown';
import { useNotifications } from '../notifications';
import { currentSession, hasRole } from '../session';
import type { QueueItem } from '../../../api/views';

export function Queue() {
  const session = currentSession();
  const prosecutor = hasRole(session, 'PROSECUTOR');
  const [items, setItems] = useState<QueueItem[]>();
  const [problem, setProblem] = useState<string>();
  const [params, setParams] = useSearchParams();
  const route: 'FAST_TRACK' | 'ALL' = params.get('route') === 'FAST_TRACK' ? 'FAST_TRACK' : 'ALL';
  const now = useNow();
  const { revision } = useNotifications();

  const load = useCallback(() => {
    const query = { params: { query: { route } } };
    answer<{ items: QueueItem[] }>(
      prosecutor ? api.GET('/fast-track/prosecution', query) : api.GET('/fast-track/court', query),
    )
      .then((body) => {
        setItems(body.items);
        setProblem(undefined);
      })
      .catch((error: Error) => setProblem(error.message));
  }, [prosecutor, route]);
  useEffect(load, [load, revision]);

  return (
    <>
      <Space style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {prosecutor ? '审查起诉队列' : '审判队列'}
        </Typography.Title>
        <Segmented
          options={[
            { value: 'ALL', label: '全部' },
            { value: 'FAST_TRACK', label: '速裁' },
          ]}
          value={route}
          onChange={(value) => setParams(value === 'ALL' ? {} : { route: String(value) })}
        />
      </Space>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} />}
      <Table<QueueItem>
        rowKey="id"
        loading={!items && !problem}
        dataSource={items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: '队列为空' }}
        columns={[
          {
            title: '案件',
            key: 'title',
            render: (_, c) => <Link to={`/case/${c.id}`}>{c.title}</Link>,
          },
          { title: '移送单位', dataIndex: 'unitId' },
          {
            title: '阶段',
            key: 'stage',
            render: (_, c) => (
              <Space>
                <Tag color="blue">{c.stage.label}</Tag>
                {c.route === 'FAST_TRACK' && <Tag color="purple">速裁</Tag>}
                {c.accepted ? <Tag>已受理</Tag> : <Tag color="orange">待受理</Tag>}
              </Space>
            ),
          },
          {
            title: '期限',
            key: 'due',
            render: (_, c) =>
              c.dueAt ? (
                <span style={{ color: Date.parse(c.dueAt) < now ? 'red' : undefined }}>
                  {countdownText(Date.parse(c.dueAt) - now)}
                </span>
              ) : (
                '—'
              ),
          },
          { title: '可办理', key: 'actions', render: (_, c) => c.actions.length },
        ]}
      />
    </>
  );
}
