// 政府信息公开申请详情: the request's record (its receipt as Art. 31 dates it, the correction, the
// consultation, the extension, the answer), its clocks with why each is due then, its timeline,
// and the steps the signed-in person may record now: the case centre's, and the extension the
// disclosure office's head (a unit leader) approves.
import { Alert, Button, Card, Descriptions, Space, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { answer, api, postStep } from '../api';
import { Deadlines } from '../components/Deadlines';
import { StepForm } from '../components/StepForm';
import {
  INFO_STEP_FORMS,
  infoRequestSteps,
  infoRequestTimeline,
  type InfoRequestView,
  type InfoStep,
} from '../info-requests';
import { useNotifications } from '../notifications';
import { currentSession } from '../session';
import type { FormValues } from '../step-forms';

const time = (iso: string | undefined | null) =>
  iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '—';

export function InfoRequestPage() {
  const { id = '' } = useParams();
  const [view, setView] = useState<InfoRequestView>();
  const [problem, setProblem] = useState<string>();
  const [open, setOpen] = useState<InfoStep>();
  const [recorded, setRecorded] = useState<string>();
  const roles = currentSession()?.person.roles.map((r) => r.code) ?? [];

  const load = useCallback(async () => {
    try {
      const found = await answer<{ state: InfoRequestView }>(
        api.GET('/info-requests/{id}', { params: { path: { id } } }),
      );
      setView(found.state);
      setProblem(undefined);
    } catch (error) {
      setProblem((error as Error).message);
    }
  }, [id]);
  // A notification (a reminder, an escalation) may concern this request: it reloads in place.
  const { revision } = useNotifications();
  useEffect(() => {
    void load();
  }, [load, revision]);

  if (problem && !view) return <Alert type="error" showIcon message={problem} />;
  if (!view) return null;
  const steps = infoRequestSteps(view, roles);
  const step = open && INFO_STEP_FORMS[open];
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
          政府信息公开申请 · {view.applicant.name}
        </Typography.Title>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label="状态">
            <Tag color="blue" data-testid="stage">
              {view.stage.label}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label="提交方式">{view.channel.label}</Descriptions.Item>
          <Descriptions.Item label="收到申请之日">
            {time(view.receipt.receivedAt)}
          </Descriptions.Item>
          <Descriptions.Item label="答复期限">
            <span data-testid="answer-due">{time(view.answerDueAt)}</span>
          </Descriptions.Item>
          <Descriptions.Item label="公开工作机构">{view.unitId}</Descriptions.Item>
          <Descriptions.Item label="申请人联系方式">
            {view.applicant.contact ?? '未留联系方式'}
          </Descriptions.Item>
          <Descriptions.Item label="所需信息" span={3}>
            {view.description}
          </Descriptions.Item>
          {view.receipt.rule && (
            <Descriptions.Item label="收到日期的认定" span={3}>
              {view.receipt.rule}（政府信息公开条例第三十一条）
            </Descriptions.Item>
          )}
          {view.correction && (
            <Descriptions.Item label="补正" span={3}>
              <span data-testid="correction">
                {view.correction.matters}（补正期限 {time(view.correction.correctBy)}
                {view.correction.receivedAt
                  ? `，${time(view.correction.receivedAt)} 收到补正后的申请`
                  : '，待补正'}
                ）
              </span>
            </Descriptions.Item>
          )}
          {view.consultation && (
            <Descriptions.Item label="征求意见" span={3}>
              {view.consultation.consultee?.label}：{view.consultation.party}（
              {time(view.consultation.since)} 起，不计入答复期限）
            </Descriptions.Item>
          )}
          {view.answer && (
            <Descriptions.Item label="答复" span={3}>
              <span data-testid="answer">
                {view.answer.type?.label}
                {view.answer.reason ? `：${view.answer.reason}` : ''}（{time(view.answer.at)}
                {view.answer.onTime ? '，按期' : '，超期'}）
              </span>
            </Descriptions.Item>
          )}
          <Descriptions.Item label="申请编号">{view.requestId}</Descriptions.Item>
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
                {INFO_STEP_FORMS[s].label}
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
          items={infoRequestTimeline(view).map((e) => ({
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
