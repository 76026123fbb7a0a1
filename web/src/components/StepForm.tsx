// The dialog of one step on an information request or a matter: its fields (components of
// step-forms.ts's FormField), submitted as the route's body; a refusal shows the API's words.
import { Alert, DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { normaliseValues, type FormField, type FormValues } from '../step-forms';

/** A field's control; Form.Item hands it the id, value and onChange it passes on. */
function Control({ field, ...bound }: { field: FormField } & Record<string, unknown>) {
  switch (field.control) {
    case 'text':
      return <Input maxLength={field.max} {...bound} />;
    case 'textarea':
      return <Input.TextArea maxLength={field.max} {...bound} />;
    case 'instant':
      return <DatePicker showTime {...bound} />;
    case 'number':
      return <InputNumber min={field.min} max={field.max} precision={0} {...bound} />;
    case 'choice':
      return <Select options={field.options} showSearch optionFilterProp="label" {...bound} />;
    case 'yesNo': {
      const [yes, no] = field.yesNo ?? ['是', '否'];
      return (
        <Radio.Group
          options={[
            { value: true, label: yes },
            { value: false, label: no },
          ]}
          {...bound}
        />
      );
    }
  }
}

const key = (name: FormField['name']) => (Array.isArray(name) ? name.join('.') : name);

/** The fields of a form, each shown and required as the values so far call for. */
export function FieldItems({ fields, values }: { fields: FormField[]; values: FormValues }) {
  return (
    <>
      {fields
        .filter((f) => !f.shownWhen || f.shownWhen(values))
        .map((f) => {
          const required = f.required || (f.requiredWhen?.(values) ?? false);
          return (
            <Form.Item
              key={key(f.name)}
              name={f.name}
              label={f.label}
              extra={f.help}
              rules={
                required
                  ? [
                      {
                        required: true,
                        ...(f.control === 'text' || f.control === 'textarea'
                          ? { whitespace: true }
                          : {}),
                        message: `请填写${f.label}`,
                      },
                    ]
                  : []
              }
            >
              <Control field={f} />
            </Form.Item>
          );
        })}
    </>
  );
}

/** The fields' presets: an instant's (now, or days ahead) as the date picker takes it. */
export function presets(fields: FormField[]): Record<string, unknown> {
  return Object.fromEntries(
    fields.flatMap((f): Array<[string, unknown]> => {
      if (typeof f.name !== 'string') return [];
      if (f.control === 'instant' && f.daysAhead !== undefined)
        return [
          [f.name, f.daysAhead === 0 ? dayjs() : dayjs().add(f.daysAhead, 'day').endOf('day')],
        ];
      return f.initial === undefined ? [] : [[f.name, f.initial]];
    }),
  );
}

export function StepForm({
  title,
  fields,
  onSubmit,
  onClose,
  okText = '提交',
}: {
  title: string;
  /** The fields, or the fields the values so far call for (a channel's date of receipt). */
  fields: FormField[] | ((values: FormValues) => FormField[]);
  /** Sends the step; a thrown Error's message is the refusal shown. */
  onSubmit: (values: FormValues) => Promise<void>;
  onClose: () => void;
  okText?: string;
}) {
  const [form] = Form.useForm();
  const [refusal, setRefusal] = useState<string>();
  const [sending, setSending] = useState(false);
  const watched = normaliseValues((Form.useWatch([], form) ?? {}) as Record<string, unknown>);
  const shown = typeof fields === 'function' ? fields(watched) : fields;
  // Presets are taken once, from the fields as the form opens.
  const [initial] = useState(() => presets(typeof fields === 'function' ? fields({}) : fields));

  const submit = async () => {
    const values = (await form.validateFields()) as Record<string, unknown>;
    setSending(true);
    setRefusal(undefined);
    try {
      await onSubmit(normaliseValues(values));
      onClose();
    } catch (error) {
      setRefusal((error as Error).message);
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText="取消"
      confirmLoading={sending}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={initial}>
        {shown.length === 0 && <p>确认记录此环节？</p>}
        <FieldItems fields={shown} values={watched} />
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
  );
}
