// 政府信息公开申请详情: the request's record (its receipt as Art. 31 dates it, the correction, the
// consultation, the extension, the answer), its clocks with why each is due then, its timeline,
// and the steps the signed-in person may record now: the case centre's, and the extension the
// disclosure office's head (a unit leader) approves.
import { Card, Descriptions, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { answer, api } from '../api';
import { SubjectPage, time } from '../components/SubjectPage';
import {
  INFO_STEP_FORMS,
  infoRequestSteps,
  infoRequestTimeline,
  type InfoRequestView,
} from '../info-requests';

export function InfoRequestPage() {
  const { id = '' } = useParams();
  return (
    <SubjectPage
      id={id}
      read={readInfoRequest}
      stepsOf={infoRequestSteps}
      forms={INFO_STEP_FORMS}
      timelineOf={infoRequestTimeline}
    >
      {(view) => (
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
      )}
    </SubjectPage>
  );
}

const readInfoRequest = async (id: string) =>
  (
    await answer<{ state: InfoRequestView }>(
      api.GET('/info-requests/{id}', { params: { path: { id } } }),
    )
  ).state;
