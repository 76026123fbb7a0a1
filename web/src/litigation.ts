// 行政复议/行政诉讼 in the workbench: which steps the legal office may record on a matter now, their
// forms (the outcomes the matter's kind has; who appeared in court), and the matter's timeline in
// words. The rules stay the API's (domain/litigation-decider.ts): a step the matter's state refuses
// comes back with the rule's words.
import {
  MATTER_ACTIONS,
  MATTER_KINDS,
  openMatterSteps,
  OUTCOMES,
  OUTCOMES_BEFORE_ANSWER,
  outcomeLabel,
  type MatterKind,
  type MatterStage,
  type MatterStep,
  type NamedPerson,
  type Outcome,
} from '../../domain/litigation';
import type { MatterListItem, MatterView } from '../../api/views';
import {
  givenTexts,
  inOrder,
  stepForm,
  textOf,
  type FormField,
  type FormValues,
  type PostBody,
  type TimelineEntry,
} from './step-forms';

export type { MatterListItem, MatterStep, MatterView };
/** The steps a person holding `roles` may record on the matter now (domain/litigation.ts). */
export const matterSteps = (view: MatterView, roles: readonly string[]): MatterStep[] =>
  openMatterSteps(
    { stage: view.stage.code as MatterStage, kind: view.kind.code as MatterKind },
    roles,
  );

/**
 * The outcomes a matter of this kind may have now, as its kind names them: before the reply or
 * defence only a withdrawal or settlement ends it.
 */
export function outcomeOptions(kind: MatterKind, stage: MatterStage) {
  return (Object.keys(OUTCOMES) as Outcome[])
    .filter((code) => stage !== 'RESPONDING' || OUTCOMES_BEFORE_ANSWER.includes(code))
    .flatMap((code) => {
      const label = outcomeLabel(code, kind);
      if (!label) return [];
      const { against, performance } = OUTCOMES[code];
      const note = against ? '（对本局不利，待履行）' : performance ? '（待履行）' : '';
      return [{ value: code, label: `${label}${note}` }];
    });
}

export const KIND_OPTIONS = Object.entries(MATTER_KINDS).map(([value, k]) => ({
  value,
  label: k.label,
}));

const person = (p: NamedPerson) => `${p.name}（${p.post}）`;

/** Who appeared for the bureau at a court session, in words. */
export function appearanceText(hearing: MatterView['hearings'][number]): string {
  if (hearing.leaderAppeared) return `行政机关负责人${person(hearing.leader)}出庭应诉`;
  const officer = hearing.officer ? person(hearing.officer) : '—';
  return `负责人${person(hearing.leader)}未出庭，由${officer}出庭应诉；原因：${hearing.reason ?? '—'}`;
}

const leaderAbsent = (values: FormValues) => values.leaderAppeared === false;

const when = (name: string, label: string): FormField => ({
  name,
  label: `${label}（不填为现在）`,
  control: 'instant',
});

/** Each step's form and body, by the route that records it. */
export const MATTER_STEP_FORMS = {
  ANSWER_SUBMITTED: stepForm({
    action: 'ANSWER_SUBMITTED',
    label: MATTER_ACTIONS.ANSWER_SUBMITTED.label,
    path: '/litigation/{id}/answer',
    fields: (view: MatterView) => [
      when('submittedAt', '提交时间'),
      {
        name: 'note',
        label: `提交的${MATTER_KINDS[view.kind.code as MatterKind]?.answer ?? '答复'}（证据目录等）`,
        control: 'textarea',
        max: 2000,
      },
    ],
    body: (v) => givenTexts(v, 'submittedAt', 'note'),
  }),
  HEARING_RECORDED: stepForm({
    action: 'HEARING_RECORDED',
    label: MATTER_ACTIONS.HEARING_RECORDED.label,
    path: '/litigation/{id}/hearing',
    fields: () => [
      { name: 'hearingAt', label: '开庭时间', control: 'instant', required: true, daysAhead: 0 },
      {
        name: 'leaderAppeared',
        label: '行政机关负责人是否出庭',
        control: 'yesNo',
        required: true,
        yesNo: ['负责人出庭', '负责人未出庭，委托工作人员出庭'],
        help: '被诉行政机关负责人应当出庭应诉；不能出庭的，应当委托行政机关相应的工作人员出庭（行政诉讼法第三条第三款）',
      },
      { name: ['leader', 'name'], label: '负责人姓名', control: 'text', required: true, max: 50 },
      { name: ['leader', 'post'], label: '负责人职务', control: 'text', required: true, max: 50 },
      {
        name: ['officer', 'name'],
        label: '出庭工作人员姓名',
        control: 'text',
        max: 50,
        shownWhen: leaderAbsent,
        requiredWhen: leaderAbsent,
      },
      {
        name: ['officer', 'post'],
        label: '出庭工作人员职务',
        control: 'text',
        max: 50,
        shownWhen: leaderAbsent,
        requiredWhen: leaderAbsent,
      },
      {
        name: 'reason',
        label: '负责人不能出庭的原因',
        control: 'textarea',
        max: 1000,
        shownWhen: leaderAbsent,
        requiredWhen: leaderAbsent,
      },
    ],
    body: (v) => {
      const leader = (v.leader ?? {}) as Partial<NamedPerson>;
      const officer = v.officer as Partial<NamedPerson> | undefined;
      const appeared = v.leaderAppeared === true;
      return {
        hearingAt: textOf(v, 'hearingAt') ?? '',
        leaderAppeared: appeared,
        leader: { name: leader.name ?? '', post: leader.post ?? '' },
        ...(!appeared && officer
          ? { officer: { name: officer.name ?? '', post: officer.post ?? '' } }
          : {}),
        ...(!appeared ? givenTexts(v, 'reason') : {}),
      };
    },
  }),
  DECIDED: stepForm({
    action: 'DECIDED',
    label: MATTER_ACTIONS.DECIDED.label,
    path: '/litigation/{id}/outcome',
    fields: (view: MatterView) => [
      {
        name: 'outcome',
        label: '结果',
        control: 'choice',
        required: true,
        options: outcomeOptions(view.kind.code as MatterKind, view.stage.code as MatterStage),
        ...(view.stage.code === 'RESPONDING'
          ? { help: '尚未提交答复（答辩）：此时只能记录撤回或和解' }
          : {}),
      },
      { name: 'documentNumber', label: '文书编号', control: 'text', max: 100 },
      when('decidedAt', '决定（裁判）时间'),
      { name: 'note', label: '备注', control: 'textarea', max: 2000 },
    ],
    body: (v) => ({
      outcome: textOf(v, 'outcome') as Outcome,
      ...givenTexts(v, 'documentNumber', 'decidedAt', 'note'),
    }),
  }),
  CARRIED_OUT: stepForm({
    action: 'CARRIED_OUT',
    label: MATTER_ACTIONS.CARRIED_OUT.label,
    path: '/litigation/{id}/performance',
    fields: () => [
      { name: 'note', label: '履行情况', control: 'textarea', required: true, max: 2000 },
      when('carriedOutAt', '履行时间'),
    ],
    body: (v) => ({ note: textOf(v, 'note') ?? '', ...givenTexts(v, 'carriedOutAt') }),
  }),
} satisfies { [S in MatterStep]: { action: S } };

/** The matter's history as its record tells it, oldest first. */
export function matterTimeline(view: MatterView): TimelineEntry[] {
  const kind = MATTER_KINDS[view.kind.code as MatterKind];
  return inOrder([
    view.copyReceivedAt !== undefined && {
      at: view.copyReceivedAt,
      label: `收到${kind?.copy ?? '副本'}`,
      detail: `${kind?.claimant ?? '申请人'} ${view.claimantName}；${view.forum}`,
    },
    view.registeredAt !== undefined && {
      at: view.registeredAt,
      label: '登记',
      detail: `登记人 ${view.registeredBy}`,
    },
    view.answer && {
      at: view.answer.at ?? '',
      label: `提交${kind?.answer ?? '答复'}${view.answer.onTime ? '' : '（超期）'}`,
      ...(view.answer.note ? { detail: view.answer.note } : {}),
    },
    ...view.hearings.map((h) => ({ at: h.hearingAt, label: '开庭', detail: appearanceText(h) })),
    view.decided &&
      view.outcome && {
        at: view.decided.at ?? '',
        label: `结果：${view.outcome.label}${view.outcome.against ? '（对本局不利）' : ''}`,
        detail: [
          view.decided.documentNumber && `文书编号 ${view.decided.documentNumber}`,
          view.decided.note,
        ]
          .filter(Boolean)
          .join('；'),
      },
    view.carriedOut && {
      at: view.carriedOut.at ?? '',
      label: '已履行',
      detail: view.carriedOut.note ?? '',
    },
  ]);
}

/** The decision challenged, in words: its case or document number, and what it decided. */
export const decisionText = (decision: MatterListItem['decision']) =>
  `${decision.documentNumber ?? (decision.caseId ? `案件 ${decision.caseId}` : '—')}：${decision.summary}`;

const byDocument = (values: FormValues) => values.decisionBy === 'DOCUMENT';

/**
 * The registration's fields (登记): the kind, the decision challenged (a case of this system, whose
 * unit the matter takes, or a document number with its unit), the claimant, the forum, and the day
 * the copy reached the bureau, from which the reply's or defence's clock runs.
 */
export function matterRegistrationFields(
  units: Array<{ id: string; name: string }>,
  ownUnit: string | undefined,
  values: FormValues,
): FormField[] {
  const kind = MATTER_KINDS[(textOf(values, 'kind') ?? 'RECONSIDERATION') as MatterKind];
  return [
    {
      name: 'kind',
      label: '种类',
      control: 'choice',
      required: true,
      options: KIND_OPTIONS,
      initial: 'RECONSIDERATION',
    },
    {
      name: 'decisionBy',
      label: '被申请复议（被诉）的行政行为',
      control: 'choice',
      required: true,
      options: [
        { value: 'CASE', label: '本系统的案件' },
        { value: 'DOCUMENT', label: '按文书编号' },
      ],
      initial: 'CASE',
      help: '刑事案件中的侦查行为不属于行政复议、行政诉讼的受案范围',
    },
    {
      name: 'caseId',
      label: '案件编号',
      control: 'text',
      max: 100,
      shownWhen: (v) => !byDocument(v),
      requiredWhen: (v) => !byDocument(v),
    },
    {
      name: 'documentNumber',
      label: '文书编号',
      control: 'text',
      max: 100,
      shownWhen: byDocument,
      requiredWhen: byDocument,
    },
    {
      name: 'unitId',
      label: '作出决定的单位',
      control: 'choice',
      options: units.map((u) => ({ value: u.id, label: `${u.name}（${u.id}）` })),
      ...(ownUnit ? { initial: ownUnit } : {}),
      shownWhen: byDocument,
      requiredWhen: byDocument,
    },
    {
      name: 'decisionSummary',
      label: '决定内容',
      control: 'textarea',
      required: true,
      max: 500,
      help: '如：给予行政拘留五日',
    },
    { name: 'claimantName', label: kind.claimant, control: 'text', required: true, max: 100 },
    { name: 'forum', label: kind.forum, control: 'text', required: true, max: 200 },
    { name: 'forumCaseNumber', label: '案号', control: 'text', max: 100 },
    {
      name: 'copyReceivedAt',
      label: `收到${kind.copy}之日`,
      control: 'instant',
      required: true,
      daysAhead: 0,
      help:
        values.kind === 'LAWSUIT'
          ? '自收到起诉状副本之日起十五日内提交答辩状及证据（行政诉讼法第六十七条）'
          : '自收到申请书副本之日起十日（工作日）内提出书面答复及证据（行政复议法第四十八条）',
    },
  ];
}

/** The registration's body, as POST /litigation takes it. */
export function matterRegistrationBody(values: FormValues): PostBody<'/litigation'> {
  return {
    kind: textOf(values, 'kind') as MatterKind,
    decisionSummary: textOf(values, 'decisionSummary') ?? '',
    claimantName: textOf(values, 'claimantName') ?? '',
    forum: textOf(values, 'forum') ?? '',
    copyReceivedAt: textOf(values, 'copyReceivedAt') ?? '',
    ...givenTexts(values, 'forumCaseNumber'),
    ...(byDocument(values)
      ? givenTexts(values, 'documentNumber', 'unitId')
      : givenTexts(values, 'caseId')),
  };
}
