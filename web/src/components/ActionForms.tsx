// The actions open to the caller on a case, as forms generated from the API's own description:
// the fields of POST /cases/{id}/actions and, per action, which of them it requires
// (x-case-actions). A new action or field appears here without page code.
import { Alert, Button, Checkbox, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import {
  actionCatalogueFrom,
  controlFor,
  fieldsAsked,
  ORGANISATION_FIELDS,
  type ActionCatalogue,
  type ActionDescription,
  type FieldSchema,
} from '../action-forms';
import { answer, api } from '../api';
import { FACT_LABELS, FIELD_LABELS, valueLabel, YES_NO_LABELS } from '../labels';

interface Organisation {
  id: string;
  name: string;
  kind: { code: 'PROCURATORATE' | 'COURT' };
}

let catalogue: Promise<ActionCatalogue> | undefined;

/** The action forms' description, read once from /openapi.json. */
export function actionCatalogue(): Promise<ActionCatalogue> {
  catalogue ??= fetch('/openapi.json', { headers: { Accept: 'application/json' } })
    .then((response) => response.json())
    .then(actionCatalogueFrom);
  return catalogue;
}

/**
 * The control of one field. Form.Item hands its child the value, onChange and id (the label's
 * target): they are passed on to the control.
 */
function FieldInput({
  name,
  schema,
  organisations,
  ...control
}: {
  name: string;
  schema: FieldSchema;
  organisations: Organisation[];
  id?: string;
  value?: unknown;
  onChange?: (value: unknown) => void;
}) {
  const kind = controlFor(name, schema) === 'organisation' ? ORGANISATION_FIELDS[name] : undefined;
  if (kind) {
    return (
      <Select
        {...control}
        options={organisations
          .filter((o) => o.kind.code === kind)
          .map((o) => ({ value: o.id, label: `${o.name}（${o.id}）` }))}
      />
    );
  }
  if (controlFor(name, schema) === 'yesNo') {
    return (
      <Select
        {...control}
        options={[
          { value: true, label: YES_NO_LABELS[name]?.[0] ?? '是' },
          { value: false, label: YES_NO_LABELS[name]?.[1] ?? '否' },
        ]}
      />
    );
  }
  if (controlFor(name, schema) === 'choice') {
    return (
      <Select
        {...control}
        options={(schema.enum ?? []).map((value) => ({ value, label: valueLabel(value) }))}
      />
    );
  }
  if (controlFor(name, schema) === 'number') {
    return (
      <InputNumber
        id={control.id}
        value={control.value as number | undefined}
        onChange={(value) => control.onChange?.(value ?? undefined)}
        min={schema.minimum}
        max={schema.maximum}
        precision={0}
        style={{ width: 200 }}
      />
    );
  }
  return (
    <Input.TextArea
      id={control.id}
      value={control.value as string | undefined}
      onChange={(event) => control.onChange?.(event.target.value)}
      autoSize={{ minRows: 1, maxRows: 6 }}
      maxLength={schema.maxLength}
      showCount
    />
  );
}

export function ActionForms({
  available,
  act,
}: {
  available: string[];
  /** Sends the action; resolves when it was taken, rejects with the refusal's words. */
  act: (action: string, fields: Record<string, unknown>) => Promise<void>;
}) {
  const [described, setDescribed] = useState<ActionCatalogue>();
  const [open, setOpen] = useState<ActionDescription>();
  const [refusal, setRefusal] = useState<string>();
  const [sending, setSending] = useState(false);
  const [form] = Form.useForm<Record<string, unknown>>();

  const [organisations, setOrganisations] = useState<Organisation[]>([]);
  // What is filled in so far decides which further fields the form asks (fieldsAsked).
  const values = Form.useWatch((all: Record<string, unknown>) => all, form) ?? {};

  useEffect(() => {
    void actionCatalogue().then(setDescribed);
    void answer<{ items: Organisation[] }>(api.GET('/directory/organisations'))
      .then((body) => setOrganisations(body.items))
      .catch(() => undefined);
  }, []);

  const send = async (action: ActionDescription, fields: Record<string, unknown>) => {
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
  const askedField = (field: string) =>
    controlFor(field, described.fields[field] ?? {}) === 'facts' ? (
      <Facts key={field} name={field} schema={described.fields[field] ?? {}} />
    ) : (
      <Form.Item
        key={field}
        name={field}
        label={FIELD_LABELS[field] ?? field}
        rules={[{ required: true, message: `请填写${FIELD_LABELS[field] ?? field}` }]}
      >
        <FieldInput
          name={field}
          schema={described.fields[field] ?? {}}
          organisations={organisations}
        />
      </Form.Item>
    );
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
          {open && fieldsAsked(open, values, described.fields).map(askedField)}
          {open && fieldsAsked(open, values, described.fields).length === 0 && (
            <p>确认办理“{open.label}”？</p>
          )}
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

/** The facts a set of rules judges (速裁, 快速办理), asked as the API's schema lists them. */
function Facts({ name, schema }: { name: string; schema: FieldSchema }) {
  const labels = FACT_LABELS[name] ?? {};
  return (
    <fieldset style={{ border: '1px solid #f0f0f0', padding: '8px 12px', marginBottom: 16 }}>
      <legend style={{ fontSize: 14, width: 'auto', margin: 0 }}>
        {FIELD_LABELS[name] ?? name}
      </legend>
      {Object.entries(schema.properties ?? {}).map(([fact, factSchema]) => {
        const label = labels[fact] ?? fact;
        return factSchema.type === 'boolean' ? (
          <Form.Item
            key={fact}
            name={[name, fact]}
            valuePropName="checked"
            initialValue={false}
            style={{ marginBottom: 4 }}
          >
            <Checkbox>{label}</Checkbox>
          </Form.Item>
        ) : (
          <Form.Item
            key={fact}
            name={[name, fact]}
            label={label}
            rules={[{ required: true, message: `请填写${label}` }]}
          >
            <InputNumber min={factSchema.minimum ?? 0} precision={0} />
          </Form.Item>
        );
      })}
    </fieldset>
  );
}
