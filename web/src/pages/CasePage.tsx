// 案件详情: the case's header, the proposals waiting for approval, its deadlines with why each is
// due then, its timeline, and the actions open to the caller now.
import { Alert, Button, Card, Descriptions, Space, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { answer, api } from '../api';
import { useNotifications } from '../notifications';
import { ActionForms } from '../components/ActionForms';
import { useNow } from '../components/Countdown';
import { DeadlineChart } from '../components/DeadlineChart';
import { Deadlines, type Deadline } from '../components/Deadlines';
import { ExtensionProposalForm, Proposals } from '../components/Proposals';
import { proposedNotice, standingRefusals } from '../proposals';
import { currentSession, hasRole } from '../session';
import { valueLabel } from '../labels';
import { EXTENSION_APPROVALS } from '../../../domain/approvals';
import { auditActionLabel } from '../../../domain/audit-labels';
import type { PolicyCode } from '../../../domain/deadline-policies';
import { ROLES, type Role } from '../../../domain/roles';
import type { CaseView, TimelineEvent } from '../../../api/views';
import type { paths } from '../../../generated/openapi-types';

type CaseActionBody = NonNullable<
  paths['/cases/{id}/actions']['post']['requestBody']
>['content']['application/json'];
type CaseActionCode = CaseActionBody['action'];
type CaseActionFields = CaseActionBody['fields'];

const time = (at: string | number) => dayjs(at).format('YYYY-MM-DD HH:mm:ss');

export function CasePage() {
  const { id = '' } = useParams();
  const [view, setView] = useState<CaseView>();
  const [events, setEvents] = useState<TimelineEvent[]>([]);
  const [problem, setProblem] = useState<string>();
  // What the caller's last action became when it waits for approval (呈请审批).
  const [proposed, setProposed] = useState<string>();
  const [extending, setExtending] = useState<Deadline>();
  const now = useNow();
  const proposes = hasRole(currentSession(), 'HANDLER');

  // Reads cross (a notification's reload, an action's): an older version never replaces a newer.
  const shown = useRef<{ id: string; version: number }>(undefined);
  const load = useCallback(async () => {
    try {
      const [found, timeline] = await Promise.all([
        answer<CaseView>(api.GET('/cases/{id}', { params: { path: { id } } })),
        answer<{ items: TimelineEvent[] }>(
          api.GET('/cases/{id}/timeline', { params: { path: { id } } }),
        ),
      ]);
      if (shown.current?.id === id && found.version < shown.current.version) return found;
      shown.current = { id, version: found.version };
      setView(found);
      setEvents(timeline.items);
      setProblem(undefined);
      return found;
    } catch (error) {
      setProblem((error as Error).message);
      return undefined;
    }
  }, [id]);
  // A notification (an escalation, a decision) may concern this case: it reloads in place.
  const { revision } = useNotifications();
  useEffect(() => {
    void load();
  }, [load, revision]);

  /** The case as an action left it: says so when the action became a proposal. */
  const acted = async (after: CaseView) => {
    const before = view?.proposals ?? [];
    setProposed(proposedNotice(before, after.proposals));
    const reloaded = await load();
    setProposed(
      (shown) => shown ?? (reloaded ? proposedNotice(before, reloaded.proposals) : undefined),
    );
  };

  const act = async (action: string, fields: Record<string, unknown>) => {
    await acted(
      await answer<CaseView>(
        api.POST('/cases/{id}/actions', {
          params: { path: { id } },
          body: { action: action as CaseActionCode, fields: fields as CaseActionFields },
        }),
      ),
    );
  };

  if (problem && !view) return <Alert type="error" showIcon message={problem} />;
  if (!view) return null;
  const refusals = standingRefusals(events);
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
          {view.suggestedRoute && (
            <Descriptions.Item label="建议适用的程序">
              <span data-testid="suggested-route">{valueLabel(view.suggestedRoute)}</span>
            </Descriptions.Item>
          )}
          {view.pleaAgreement && (
            <Descriptions.Item label="认罪认罚具结书">
              <span data-testid="plea-agreement">{pleaAgreementText(view.pleaAgreement)}</span>
            </Descriptions.Item>
          )}
          <Descriptions.Item label="案件编号">{view.id}</Descriptions.Item>
          <Descriptions.Item label="版本">
            <span data-testid="version">{view.version}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {(view.proposals.length > 0 || refusals.length > 0) && (
        <Card title="待审批" data-testid="proposals">
          {refusals.map((r) => (
            <Alert
              key={r.label}
              type="warning"
              showIcon
              data-testid="refused-proposal"
              style={{ marginBottom: 12 }}
              message={`${r.label}未获批准`}
              description={`${r.reason}（${r.actor.id}，${ROLES[r.actor.role as Role] ?? r.actor.role}，${time(r.at)}）`}
            />
          ))}
          <Proposals
            owner={{ type: 'CASE', id }}
            proposals={view.proposals}
            deadlines={view.deadlines}
            onChange={async () => {
              setProposed(undefined);
              await load();
            }}
          />
        </Card>
      )}
      <Card title="可办理的操作">
        {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} />}
        {proposed && (
          <Alert
            type="info"
            showIcon
            message={proposed}
            data-testid="proposed"
            style={{ marginBottom: 12 }}
            closable
            onClose={() => setProposed(undefined)}
          />
        )}
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
        <Deadlines
          deadlines={view.deadlines}
          action={(d) =>
            // The deadlines only the leaders extend, on the handler's proposal (呈请延长).
            proposes &&
            !d.completedAt &&
            EXTENSION_APPROVALS[d.policy.code as PolicyCode] &&
            !view.proposals.some(
              (p) => p.subject.type === 'EXTENSION' && p.subject.taskId === d.taskId,
            ) ? (
              <Button size="small" data-extend={d.policy.code} onClick={() => setExtending(d)}>
                呈请延长
              </Button>
            ) : null
          }
        />
        <ExtensionProposalForm
          caseId={id}
          deadline={extending}
          onClose={() => setExtending(undefined)}
          onProposed={async (after) => {
            setExtending(undefined);
            await acted(after as CaseView);
          }}
        />
      </Card>
      <Card title="办案过程">
        <Timeline
          data-testid="timeline"
          items={events.map((e) => ({
            children: (
              <span>
                <b>{auditActionLabel(e.action)}</b>{' '}
                <Typography.Text type="secondary">{e.action}</Typography.Text>
                {/* An approval's events name what was proposed (呈请立案 …); a decision taken on
                    approval names who approved it. */}
                {typeof e.data?.approval === 'string' && typeof e.data.label === 'string'
                  ? `（${e.data.label}）`
                  : ''}
                {typeof e.data?.approvedBy === 'string' ? `（经${e.data.approvedBy}批准）` : ''}
                {' · '}
                {time(e.at)} · {e.actor.id}（{ROLES[e.actor.role as Role] ?? e.actor.role}）
                {e.reason ? ` · ${e.reason}` : ''}
              </span>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}

function pleaAgreementText(plea: NonNullable<CaseView['pleaAgreement']>) {
  return `已签署，${plea.lawyer.label}${plea.lawyerName}在场 · ${time(plea.recordedAt)}`;
}
