// The actions open to the caller on a case, as forms generated from the API's own description:
// the fields of POST /cases/{id}/actions and, per action, which of them it requires
// (x-case-actions). A new action or field appears here without page code.
import { Alert, Button, Form, Input, Modal, Select, Space } from 'antd';
import { useEffect, useState } from 'react';

interface FieldSchema {
  type?: string;
  enum?: string[];
  maxLength?: number;
}

interface ActionDescription {
  code: string;
  label: string;
  requires: string[];
}

interface ActionCatalogue {
  actions: Map<string, ActionDescription>;
  fields: Record<string, FieldSchema>;
}

/** Labels of the fields a person fills in; an unknown one shows its code. */
const FIELD_LABELS: Record<string, string> = {
  reason: '理由',
  sentencingProposal: '量刑建议',
  judgment: '判决内容',
  penalty: '处罚内容',
  procedure: '程序',
  route: '移送途径',
  prosecutionOrg: '检察机关',
  courtOrg: '审判机关',
};

const VALUE_LABELS: Record<string, string> = {
  SIMPLIFIED: '简易程序',
  ORDINARY: '普通程序',
  FAST_TRACK: '速裁程序',
};

let catalogue: Promise<ActionCatalogue> | undefined;

/** The action forms' description, read once from /openapi.json. */
export function actionCatalogue(): Promise<ActionCatalogue> {
  catalogue ??= fetch('/openapi.json', { headers: { Accept: 'application/json' } })
    .then((response) => response.json())
    .then((document) => {
      const operation = document.paths['/cases/{id}/actions'].post;
      const body = operation.requestBody.content['application/json'].schema;
      const actions = operation['x-case-actions'] as ActionDescription[];
      return {
        actions: new Map(actions.map((a) => [a.code, a])),
        fields: body.properties.fields.properties as Record<string, FieldSchema>,
      };
    });
  return catalogue;
}

function FieldInput({ schema }: { schema: FieldSchema }) {
  if (schema.enum) {
    return (
      <Select
        options={schema.enum.map((value) => ({
          value,
          label: VALUE_LABELS[value] ? `${VALUE_LABELS[value]}（${value}）` : value,
        }))}
      />
    );
  }
  return (
    <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} maxLength={schema.maxLength} showCount />
  );
}

export function ActionForms({
  available,
  act,
}: {
  available: string[];
  /** Sends the action; resolves when it was taken, rejects with the refusal's words. */
  act: (action: string, fields: Record<string, string>) => Promise<void>;
}) {
  const [described, setDescribed] = useState<ActionCatalogue>();
  const [open, setOpen] = useState<ActionDescription>();
  const [refusal, setRefusal] = useState<string>();
  const [sending, setSending] = useState(false);
  const [form] = Form.useForm<Record<string, string>>();

  useEffect(() => {
    void actionCatalogue().then(setDescribed);
  }, []);

  const send = async (action: ActionDescription, fields: Record<string, string>) => {
    setSending(true);
    setRefusal(undefined);
    try {
      await act(action.code, fields);
      setOpen(undefined);
      form.resetFields();
    } catch (error) {
      setRefusal((error as Error).message);
    } finally {
      setSending(false);
    }
  };

  if (!described) return null;
  if (available.length === 0) return <span>您当前没有可办理的操作</span>;
  return (
    <>
      <Space wrap>
        {available.map((code) => {
          const action = described.actions.get(code) ?? { code, label: code, requires: [] };
          return (
            <Button
              key={code}
              type="primary"
              data-action={code}
              onClick={() => {
                setRefusal(undefined);
                form.resetFields();
                setOpen(action);
              }}
            >
              {action.label}
            </Button>
          );
        })}
      </Space>
      <Modal
        open={open !== undefined}
        title={open ? `${open.label}（${open.code}）` : ''}
        okText="提交"
        cancelText="取消"
        confirmLoading={sending}
        onCancel={() => setOpen(undefined)}
        onOk={() => {
          void form.validateFields().then((fields) => open && send(open, fields));
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {open?.requires.map((field) => (
            <Form.Item
              key={field}
              name={field}
              label={FIELD_LABELS[field] ?? field}
              rules={[{ required: true, message: `请填写${FIELD_LABELS[field] ?? field}` }]}
            >
              <FieldInput schema={described.fields[field] ?? {}} />
            </Form.Item>
          ))}
          {open?.requires.length === 0 && <p>确认办理“{open.label}”？</p>}
        </Form>
        {refusal && (
          <Alert
            type="error"
            showIcon
            message="操作被拒绝"
            description={refusal}
            data-testid="refusal"
          />
        )}
      </Modal>
    </>
  );
}
