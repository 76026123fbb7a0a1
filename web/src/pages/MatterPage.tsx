// 行政复议/行政诉讼详情: the decision challenged (linked to its case), the reply or defence with its
// clock and why it is due then, the court sessions and who appeared for the bureau, the outcome and
// its performance, the timeline, and the steps the legal office may record now.
import { Alert, Button, Card, Descriptions, Space, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { MATTER_KINDS, type MatterKind } from '../../../domain/litigation';
import { answer, api, postStep } from '../api';
import { Deadlines } from '../components/Deadlines';
import { StepForm } from '../components/StepForm';
import {
  appearanceText,
  MATTER_STEP_FORMS,
  matterSteps,
  matterTimeline,
  type MatterStep,
  type MatterView,
} from '../litigation';
import { useNotifications } from '../notifications';
import { currentSession } from '../session';
import type { FormValues } from '../step-forms';
import { SUBJECT_PAGES } from '../subject-pages';

const time = (iso: string | undefined | null) =>
  iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '—';

export function MatterPage() {
  const { id = '' } = useParams();
  const [view, setView] = useState<MatterView>();
  const [problem, setProblem] = useState<string>();
  const [open, setOpen] = useState<MatterStep>();
  const [recorded, setRecorded] = useState<string>();
  const roles = currentSession()?.person.roles.map((r) => r.code) ?? [];

  const load = useCallback(async () => {
    try {
      const found = await answer<{ state: MatterView }>(
        api.GET('/litigation/{id}', { params: { path: { id } } }),
      );
      setView(found.state);
      setProblem(undefined);
    } catch (error) {
      setProblem((error as Error).message);
    }
  }, [id]);
  // A notification (a reminder, an escalation) may concern this matter: it reloads in place.
  const { revision } = useNotifications();
  useEffect(() => {
    void load();
  }, [load, revision]);

  if (problem && !view) return <Alert type="error" showIcon message={problem} />;
  if (!view) return null;
  const kind = MATTER_KINDS[view.kind.code as MatterKind];
  const steps = matterSteps(view, roles);
  const step = open && MATTER_STEP_FORMS[open];
  const record = async (values: FormValues) => {
    if (!step) return;
    // Each entry's body is typed by its own route (step-forms.ts, stepForm).
    await postStep(step.path, id, step.body(values) as never);
    setRecorded(`已记录：${step.label}`);
    await load();
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {view.kind.label} · {view.claimantName}
        </Typography.Title>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label="状态">
            <Tag color="blue" data-testid="stage">
              {view.stage.label}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={kind?.claimant ?? '申请人'}>
            {view.claimantName}
          </Descriptions.Item>
          <Descriptions.Item label={kind?.forum ?? '复议机关/法院'}>
            {view.forum}
            {view.forumCaseNumber ? `（${view.forumCaseNumber}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="被诉行为" span={3}>
            {view.decision.caseId && (
              <Link
                to={`${SUBJECT_PAGES.CASE.page}/${view.decision.caseId}`}
                data-testid="case-link"
              >
                {view.decision.caseId}
              </Link>
            )}
            {view.decision.documentNumber ?? ''}：{view.decision.summary}
          </Descriptions.Item>
          <Descriptions.Item label={`收到${kind?.copy ?? '副本'}`}>
            {time(view.copyReceivedAt)}
          </Descriptions.Item>
          <Descriptions.Item label={`${kind?.answer ?? '答复'}期限`}>
            {time(view.answerDueAt)}
          </Descriptions.Item>
          <Descriptions.Item label="单位">{view.unitId}</Descriptions.Item>
          {view.answer && (
            <Descriptions.Item label={`已提交${kind?.answer ?? '答复'}`} span={3}>
              <span data-testid="answer">
                {time(view.answer.at)}（{view.answer.onTime ? '按期' : '超期'}）
                {view.answer.note ? `：${view.answer.note}` : ''}
              </span>
            </Descriptions.Item>
          )}
          {view.hearings.map((h, i) => (
            <Descriptions.Item key={i} label={`开庭（${time(h.hearingAt)}）`} span={3}>
              <span data-testid="hearing">{appearanceText(h)}</span>
            </Descriptions.Item>
          ))}
          {view.outcome && (
            <Descriptions.Item label="结果" span={3}>
              <span data-testid="outcome">
                <Tag color={view.outcome.against ? 'red' : 'default'}>{view.outcome.label}</Tag>
                {view.outcome.against ? '对本局不利' : ''}
                {view.decided?.documentNumber ? ` · ${view.decided.documentNumber}` : ''}
                {view.decided ? `（${time(view.decided.at)}）` : ''}
              </span>
            </Descriptions.Item>
          )}
          {view.carriedOut && (
            <Descriptions.Item label="履行" span={3}>
              <span data-testid="performance">
                {view.carriedOut.note}（{time(view.carriedOut.at)}）
              </span>
            </Descriptions.Item>
          )}
          <Descriptions.Item label="编号">{view.id}</Descriptions.Item>
        </Descriptions>
      </Card>
      {steps.length > 0 && (
        <Card title="办理">
          {recorded && (
            <Alert
              type="success"
              showIcon
              message={recorded}
              closable
              onClose={() => setRecorded(undefined)}
              style={{ marginBottom: 12 }}
            />
          )}
          <Space wrap>
            {steps.map((s) => (
              <Button key={s} data-step={s} onClick={() => setOpen(s)}>
                {MATTER_STEP_FORMS[s].label}
              </Button>
            ))}
          </Space>
        </Card>
      )}
      <Card title="时限">
        <Deadlines deadlines={view.deadlines} />
      </Card>
      <Card title="办理过程">
        <Timeline
          data-testid="timeline"
          items={matterTimeline(view).map((e) => ({
            children: (
              <span>
                <b>{e.label}</b> <Typography.Text type="secondary">{time(e.at)}</Typography.Text>
                {e.detail && <div>{e.detail}</div>}
              </span>
            ),
          }))}
        />
      </Card>
      {step && (
        <StepForm
          title={step.label}
          fields={step.fields(view)}
          onSubmit={record}
          onClose={() => setOpen(undefined)}
        />
      )}
    </Space>
  );
}
