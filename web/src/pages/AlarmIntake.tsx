// 接警登记: register a 110 call or a report made in person. The alarm's workflow starts at once and
// the page opens it, with its arrival and same-day disposal clocks running.
import { Alert, Button, Card, Form, Input, Radio, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { ALARM_CATEGORIES, ALARM_SOURCES, RESPONSE_TIERS } from '../../../domain/alarm';
import { answer, api } from '../api';
import { currentSession } from '../session';

interface Unit {
  id: string;
  name: string;
}

interface AlarmForm {
  source: keyof typeof ALARM_SOURCES;
  category: keyof typeof ALARM_CATEGORIES;
  responseTier: 1 | 2 | 3;
  unitId: string;
  summary: string;
  location?: string;
  reporterName?: string;
  reporterContact?: string;
}

const TIER_LABELS: Record<number, string> = { 1: '一级（紧急）', 2: '二级', 3: '三级' };

export function AlarmIntake() {
  const [units, setUnits] = useState<Unit[]>([]);
  const [problem, setProblem] = useState<string>();
  const [sending, setSending] = useState(false);
  const navigate = useNavigate();
  const session = currentSession();

  useEffect(() => {
    void answer<{ items: Unit[] }>(api.GET('/directory/units'))
      .then((body) => setUnits(body.items))
      .catch(() => undefined);
  }, []);

  const register = async (form: AlarmForm) => {
    setSending(true);
    setProblem(undefined);
    try {
      const alarm = await answer<{ id: string }>(
        api.POST('/alarms', {
          body: {
            ...form,
            ...(form.location ? {} : { location: undefined }),
            ...(form.reporterName ? {} : { reporterName: undefined }),
            ...(form.reporterContact ? {} : { reporterContact: undefined }),
          },
        }),
      );
      void navigate(`/alarm/${alarm.id}`);
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      setSending(false);
    }
  };

  return (
    <Card style={{ maxWidth: 720 }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        接警登记
      </Typography.Title>
      <Form<AlarmForm>
        layout="vertical"
        onFinish={(form) => void register(form)}
        initialValues={{
          source: 'CALL_110',
          category: 'CRIME',
          responseTier: 2,
          unitId: session?.person.unit?.id,
        }}
      >
        <Form.Item name="source" label="警情来源" rules={[{ required: true }]}>
          <Radio.Group
            options={Object.entries(ALARM_SOURCES).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item name="category" label="警情类别" rules={[{ required: true }]}>
          <Select
            options={Object.entries(ALARM_CATEGORIES).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item name="responseTier" label="响应等级" rules={[{ required: true }]}>
          <Radio.Group
            options={RESPONSE_TIERS.map((tier) => ({ value: tier, label: TIER_LABELS[tier] }))}
          />
        </Form.Item>
        <Form.Item
          name="unitId"
          label="管辖单位"
          rules={[{ required: true, message: '请选择单位' }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            options={units.map((u) => ({ value: u.id, label: `${u.name}（${u.id}）` }))}
          />
        </Form.Item>
        <Form.Item
          name="summary"
          label="简要警情"
          rules={[{ required: true, whitespace: true, message: '请填写简要警情' }]}
        >
          <Input.TextArea maxLength={2000} showCount autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Form.Item name="location" label="发案地点">
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="reporterName" label="报警人">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="reporterContact"
          label="联系方式（回执，告知办理情况）"
          extra="手机号码，或带区号的固定电话（如 010-12345678）"
        >
          <Input maxLength={50} inputMode="tel" />
        </Form.Item>
        {problem && (
          <Alert
            type="error"
            showIcon
            message="登记被拒绝"
            description={problem}
            style={{ marginBottom: 16 }}
          />
        )}
        <Button type="primary" htmlType="submit" loading={sending}>
          登记
        </Button>
      </Form>
    </Card>
  );
}
