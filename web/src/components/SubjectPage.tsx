// The page of a subject with its own workflow (an information request, a reconsideration or
// lawsuit): its record, the steps the signed-in person may record now, its clocks and its
// timeline. It reloads in place when a notification arrives and after each step.
import { Alert, Button, Card, Space, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { paths } from '../../../generated/openapi-types';
import { postStep } from '../api';
import { useNotifications } from '../notifications';
import { currentSession } from '../session';
import type { FormValues, StepForm as StepFormEntry, TimelineEntry } from '../step-forms';
import { Deadlines, type Deadline } from './Deadlines';
import { StepForm } from './StepForm';

export const time = (iso: string | undefined | null) =>
  iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '—';

interface SubjectPageProps<View extends { deadlines: Deadline[] }, Step extends string> {
  id: string;
  /** Reads the subject's view from the API. */
  read: (id: string) => Promise<View>;
  /** The steps the signed-in person's roles may record now. */
  stepsOf: (view: View, roles: readonly string[]) => Step[];
  forms: Record<Step, StepFormEntry<Step, View, keyof paths>>;
  timelineOf: (view: View) => TimelineEntry[];
  /** The subject's record, shown first. */
  children: (view: View) => ReactNode;
}

export function SubjectPage<View extends { deadlines: Deadline[] }, Step extends string>({
  id,
  read,
  stepsOf,
  forms,
  timelineOf,
  children,
}: SubjectPageProps<View, Step>) {
  const [view, setView] = useState<View>();
  const [problem, setProblem] = useState<string>();
  const [open, setOpen] = useState<Step>();
  const [recorded, setRecorded] = useState<string>();
  const roles = currentSession()?.person.roles.map((r) => r.code) ?? [];

  const load = useCallback(async () => {
    try {
      setView(await read(id));
      setProblem(undefined);
    } catch (error) {
      setProblem((error as Error).message);
    }
  }, [id, read]);
  // A notification (a reminder, an escalation) may concern this subject: it reloads in place.
  const { revision } = useNotifications();
  useEffect(() => {
    void load();
  }, [load, revision]);

  if (problem && !view) return <Alert type="error" showIcon message={problem} />;
  if (!view) return null;
  const steps = stepsOf(view, roles);
  const step = open && forms[open];
  const record = async (values: FormValues) => {
    if (!step) return;
    // Each entry's body is typed by its own route (step-forms.ts, stepForm).
    await postStep(step.path, id, step.body(values) as never);
    setRecorded(`已记录：${step.label}`);
    await load();
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {children(view)}
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
                {forms[s].label}
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
          items={timelineOf(view).map((e) => ({
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
