// 案件详情: the case's header, its deadlines with why each is due then, its timeline, and the
// actions open to the caller now.
import { Alert, Card, Descriptions, Space, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { answer, api } from '../api';
import { useNotifications } from '../notifications';
import { ActionForms } from '../components/ActionForms';
import { useNow } from '../components/Countdown';
import { DeadlineChart } from '../components/DeadlineChart';
import { Deadlines } from '../components/Deadlines';
import { auditActionLabel } from '../../../domain/audit-labels';
import type { CaseView, TimelineEvent } from '../../../api/views';
import type { paths } from '../../../generated/openapi-types';

type CaseActionBody = NonNullable<
  paths['/cases/{id}/actions']['post']['requestBody']
>['content']['application/json'];
type CaseActionCode = CaseActionBody['action'];
type CaseActionFields = CaseActionBody['fields'];

const time = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm:ss');

export function CasePage() {
  const { id = '' } = useParams();
  const [view, setView] = useState<CaseView>();
  const [events, setEvents] = useState<TimelineEvent[]>([]);
  const [problem, setProblem] = useState<string>();
  const now = useNow();

  const load = useCallback(async () => {
    try {
      const [found, timeline] = await Promise.all([
        answer<CaseView>(api.GET('/cases/{id}', { params: { path: { id } } })),
        answer<{ items: TimelineEvent[] }>(
          api.GET('/cases/{id}/timeline', { params: { path: { id } } }),
        ),
      ]);
      setView(found);
      setEvents(timeline.items);
      setProblem(undefined);
    } catch (error) {
      setProblem((error as Error).message);
    }
  }, [id]);
  // A notification (an escalation, a decision) may concern this case: it reloads in place.
  const { revision } = useNotifications();
  useEffect(() => {
    void load();
  }, [load, revision]);

  const act = async (action: string, fields: Record<string, unknown>) => {
    await answer(
      api.POST('/cases/{id}/actions', {
        params: { path: { id } },
        body: { action: action as CaseActionCode, fields: fields as CaseActionFields },
      }),
    );
    await load();
  };

  if (problem && !view) return <Alert type="error" showIcon message={problem} />;
  if (!view) return null;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {view.title}
        </Typography.Title>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label="案件类别">{view.kind.label}</Descriptions.Item>
          <Descriptions.Item label="当前阶段">
            <Tag color="blue" data-testid="stage">
              {view.stage.label}
            </Tag>
            <Typography.Text type="secondary">{view.stage.code}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="查询码">{view.queryCode}</Descriptions.Item>
          {view.reporter && (
            <Descriptions.Item label="报案人（回执）">
              {view.reporter.name ?? '—'}
              {' · '}
              <span data-testid="reporter-contact">{view.reporter.contact ?? '未留联系方式'}</span>
            </Descriptions.Item>
          )}
          <Descriptions.Item label="承办人">{view.handlerId ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="办案单位">{view.unitId}</Descriptions.Item>
          <Descriptions.Item label="受案时间">{time(view.acceptedAt)}</Descriptions.Item>
          <Descriptions.Item label="案件编号">{view.id}</Descriptions.Item>
          <Descriptions.Item label="版本">
            <span data-testid="version">{view.version}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="可办理的操作">
        {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} />}
        <ActionForms available={view.availableActions} act={act} />
      </Card>
      <Card title="办案期限">
        <DeadlineChart
          deadlines={view.deadlines}
          escalations={view.escalations}
          events={events}
          // Drawn again every 10 s, not with every tick of the countdowns.
          now={Math.ceil(now / 10_000) * 10_000}
        />
        <Deadlines deadlines={view.deadlines} />
      </Card>
      <Card title="办案过程">
        <Timeline
          items={events.map((e) => ({
            children: (
              <span>
                <b>{auditActionLabel(e.action)}</b>{' '}
                <Typography.Text type="secondary">{e.action}</Typography.Text> · {time(e.at)} ·{' '}
                {e.actor.id}（{e.actor.role}）{e.reason ? ` · ${e.reason}` : ''}
              </span>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}
