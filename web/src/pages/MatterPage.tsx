// 行政复议/行政诉讼详情: the decision challenged (linked to its case), the reply or defence with its
// clock and why it is due then, the court sessions and who appeared for the bureau, the outcome and
// its performance, the timeline, and the steps the legal office may record now.
import { Card, Descriptions, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { MATTER_KINDS, type MatterKind } from '../../../domain/litigation';
import { answer, api } from '../api';
import { SubjectPage, time } from '../components/SubjectPage';
import {
  appearanceText,
  MATTER_STEP_FORMS,
  matterSteps,
  matterTimeline,
  type MatterView,
} from '../litigation';
import { SUBJECT_PAGES } from '../subject-pages';

export function MatterPage() {
  const { id = '' } = useParams();
  return (
    <SubjectPage
      id={id}
      read={readMatter}
      stepsOf={matterSteps}
      forms={MATTER_STEP_FORMS}
      timelineOf={matterTimeline}
    >
      {(view) => {
        const kind = MATTER_KINDS[view.kind.code as MatterKind];
        return (
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
        );
      }}
    </SubjectPage>
  );
}

const readMatter = async (id: string) =>
  (await answer<{ state: MatterView }>(api.GET('/litigation/{id}', { params: { path: { id } } })))
    .state;
