import {
  DEADLINE_POLICIES,
  resolvePolicy,
  type PolicyCode,
} from '../../../domain/deadline-policies';
import {
  computeDeadline,
  describePeriod,
  formatShanghai,
  pauseRefusal,
  type DeadlineInput,
} from '../../../domain/deadlines';

/** An instant given as Shanghai wall-clock time. */
const sh = (date: string, time = '10:00') => Date.parse(`${date}T${time}:00+08:00`);
const endOf = (date: string) => Date.parse(`${date}T23:59:59.999+08:00`);

const deadline = (
  code: PolicyCode,
  triggeredAt: number,
  extra: Omit<DeadlineInput, 'policy' | 'triggeredAt'> = {},
) => computeDeadline({ policy: DEADLINE_POLICIES[code], triggeredAt, ...extra });

describe('computeDeadline', () => {
  it.each([
    // [what, policy, trigger, extra, due]
    [
      '3 days, the starting day not counted',
      'FILING_REVIEW',
      sh('2026-03-02'),
      {},
      endOf('2026-03-05'),
    ],
    [
      'a last day on a Saturday moves to Monday',
      'FILING_REVIEW',
      sh('2026-03-04'),
      {},
      endOf('2026-03-09'),
    ],
    [
      'a last day in the National Day holiday moves past it',
      'NON_FILING_NOTICE',
      sh('2026-09-30'),
      {},
      endOf('2026-10-08'),
    ],
    [
      'custody across the same holiday ends on its calendar date',
      'ARREST_REQUEST',
      sh('2026-09-30'),
      {},
      endOf('2026-10-03'),
    ],
    [
      'custody on a Sunday is not moved',
      'CUSTODY_INVESTIGATION',
      sh('2026-03-31'),
      {},
      endOf('2026-05-31'),
    ],
    [
      'a month from 31 January ends on 28 February',
      'PROSECUTION_REVIEW_ORDINARY',
      sh('2026-01-31'),
      {},
      endOf('2026-02-28'),
    ],
    [
      'a make-up Saturday is a working day: no roll-over',
      'RESIDENTIAL_SURVEILLANCE',
      sh('2025-08-31'),
      {},
      endOf('2026-02-28'),
    ],
    [
      'working days skip the Spring Festival and count the make-up Saturday',
      'LEGAL_REVIEW',
      sh('2026-02-12'),
      {},
      endOf('2026-02-24'),
    ],
    [
      'hours start at the next full hour',
      'TRANSFER_TO_AGENCY',
      sh('2026-03-02', '10:35'),
      {},
      sh('2026-03-03', '11:00'),
    ],
    [
      'a local standard in minutes is exact',
      'ALARM_ARRIVAL_TIER_1',
      sh('2026-03-02', '10:35'),
      {},
      sh('2026-03-02', '10:40'),
    ],
    [
      'same-day disposal ends at midnight',
      'ALARM_DISPOSAL',
      sh('2026-03-02', '23:10'),
      {},
      endOf('2026-03-02'),
    ],
    [
      'the fast-track review is 15 days for a sentence over one year',
      'PROSECUTION_REVIEW_FAST_TRACK',
      sh('2026-03-02'),
      { variant: 'SENTENCE_OVER_ONE_YEAR' },
      endOf('2026-03-17'),
    ],
    [
      'two extensions of a 治安 case, the last day rolled past a Sunday',
      'ADMIN_CASE',
      sh('2026-03-02'),
      {
        extensions: [
          { length: 30, unit: 'DAYS' as const },
          { length: 30, unit: 'DAYS' as const },
        ],
      },
      endOf('2026-06-01'),
    ],
    [
      'time spent on an appraisal does not count, and Qingming moves the end',
      'ADMIN_CASE',
      sh('2026-03-02'),
      { pauses: [{ from: sh('2026-03-10'), to: sh('2026-03-15'), reason: '鉴定' }] },
      endOf('2026-04-07'),
    ],
    [
      // 高法解释 Art. 202: from a month's last day, to the last day of the target month.
      'custody from Feb 28 runs to the last day of April',
      'CUSTODY_INVESTIGATION',
      sh('2026-02-28'),
      {},
      endOf('2026-04-30'),
    ],
    [
      'custody from Feb 28, counted as before the correction, ended two days early',
      'CUSTODY_INVESTIGATION',
      sh('2026-02-28'),
      { monthCounting: 'SAME_DATE' as const },
      endOf('2026-04-28'),
    ],
    [
      'a one-month review from Apr 30 ends on May 31, moved past the weekend',
      'PROSECUTION_REVIEW_ORDINARY',
      sh('2026-04-30'),
      {},
      endOf('2026-06-01'),
    ],
    [
      // 一个半月 (刑事诉讼法 Art. 220): one month and 15 days; Mar 15 2026 is a Sunday.
      'a simplified trial of a sentence over three years takes one and a half months',
      'SIMPLIFIED_TRIAL',
      sh('2026-01-31'),
      { variant: 'SENTENCE_OVER_THREE_YEARS' },
      endOf('2026-03-16'),
    ],
    // The criminal side's clocks (issue 11 item 4).
    [
      // 刑事诉讼法 Art. 85: the starting hour is not counted, then 24 hours, in the holiday too.
      'delivery to the detention house 24 hours after detention, from the next full hour',
      'DETENTION_HOUSE_DELIVERY',
      sh('2026-10-01', '22:30'),
      {},
      sh('2026-10-02', '23:00'),
    ],
    [
      // On the hour too: the hour of detention is not counted.
      'the family notified within 24 hours of detention',
      'FAMILY_NOTIFICATION',
      sh('2026-03-06', '09:00'),
      {},
      sh('2026-03-07', '10:00'),
    ],
    [
      // Art. 86: the first interrogation within 24 hours, not moved off a Saturday.
      'the first interrogation within 24 hours of detention',
      'FIRST_INTERROGATION',
      sh('2026-03-06', '15:10'),
      {},
      sh('2026-03-07', '16:00'),
    ],
    [
      // 公安刑规 Art. 179 ¶2: 7 days to apply for 复核; the last day, Sunday Mar 22, moves on.
      'the complainant applies for 复核 within 7 days of the 复议 decision',
      'REVIEW_APPLICATION',
      sh('2026-03-15'),
      {},
      endOf('2026-03-23'),
    ],
    [
      'the next-higher bureau decides the 复核 within 30 days of its receipt',
      'REVIEW_DECISION',
      sh('2026-03-02'),
      {},
      endOf('2026-04-01'),
    ],
    [
      // Art. 179 ¶3: extended by at most 30 days in a major or complex case; May 1, in the
      // Labour Day holiday (May 1–5), moves to May 6.
      'a major or complex 复核 extended by 30 days',
      'REVIEW_DECISION',
      sh('2026-03-02'),
      { extensions: [{ length: 30, unit: 'DAYS' as const }] },
      endOf('2026-05-06'),
    ],
    [
      // 刑事诉讼法 Art. 92: 5 days to ask for 复议 of a refused arrest (the person is released).
      'the police ask for 复议 of a refused arrest within 5 days',
      'ARREST_DENIAL_RECONSIDERATION',
      sh('2026-03-02'),
      {},
      endOf('2026-03-09'),
    ],
    [
      // Art. 179: 7 days to ask for 复议 of a non-prosecution; Mar 9 is a Monday.
      'the police ask for 复议 of a non-prosecution within 7 days',
      'NON_PROSECUTION_RECONSIDERATION',
      sh('2026-03-02'),
      {},
      endOf('2026-03-09'),
    ],
    [
      'custody staged extensions run month to month',
      'CUSTODY_INVESTIGATION',
      sh('2026-01-15'),
      { extensions: [{ length: 1, unit: 'MONTHS' as const }] },
      endOf('2026-04-15'),
    ],
  ] as const)('%s', (_, code, triggeredAt, extra, due) => {
    const result = deadline(
      code,
      triggeredAt,
      extra as Omit<DeadlineInput, 'policy' | 'triggeredAt'>,
    );
    expect(formatShanghai(result.dueAt, true)).toBe(formatShanghai(due, true));
    expect(result.dueAt).toBe(due);
  });

  it('the custody flag of the input overrides the policy (a prosecution review of a detained suspect)', () => {
    // 10 days from 2026-03-11 end on Saturday 2026-03-21: rolled to Monday unless in custody.
    expect(deadline('PROSECUTION_REVIEW_FAST_TRACK', sh('2026-03-11')).dueAt).toBe(
      endOf('2026-03-23'),
    );
    expect(
      deadline('PROSECUTION_REVIEW_FAST_TRACK', sh('2026-03-11'), { custody: true }).dueAt,
    ).toBe(endOf('2026-03-21'));
  });

  it('explains a roll-over so that a person can follow it, in Chinese and English', () => {
    const { steps } = deadline('FILING_REVIEW', sh('2026-03-04', '09:15'));
    expect(steps.map((s) => s.zh)).toEqual([
      '刑事立案审查：自受案（2026-03-04 09:15，北京时间）起算。',
      '期限：3日；起算当日（2026-03-04）不计入，期间届满日为2026-03-07。',
      '顺延：届满日2026-03-07（星期六，休息日），顺延至节假日后的第一个工作日2026-03-09。',
      '截止：2026-03-09 23:59:59（北京时间）。',
      '依据：公安部关于改革完善受案立案制度的意见（2015）；期间计算依据刑事诉讼法第一百零五条。负责：办案民警。',
    ]);
    expect(steps.map((s) => s.en)).toEqual([
      'criminal filing review: counted from case accepted (2026-03-04 09:15, Asia/Shanghai).',
      "Period: 3 days; the starting day (2026-03-04) is not counted, so the period's last day is 2026-03-07.",
      'Roll-over: the last day is 2026-03-07 (Saturday, a rest day); it moves to the next working day, 2026-03-09.',
      'Due: 2026-03-09 23:59:59 (Asia/Shanghai).',
      'Source: MPS Opinion on Case Acceptance and Filing (2015); counting per Criminal Procedure Law, Art. 105. Owner: HANDLER.',
    ]);
  });

  it('says that custody is not rolled over a holiday', () => {
    const { steps } = deadline('ARREST_REQUEST', sh('2026-09-30'));
    expect(steps.map((s) => s.en)).toContain(
      'The last day, 2026-10-03 (Saturday, a public holiday), is not moved: a period in custody ends on its calendar date.',
    );
  });

  it('warns, in the explanation too, when a date lies past the holiday data', () => {
    const result = deadline('BAIL', sh('2026-06-15'));
    expect(result.dueAt).toBe(endOf('2027-06-15'));
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]!.en).toContain('the holidays of 2027 are not in the calendar data');
    expect(result.steps).toContainEqual(result.warnings[0]);
    expect(deadline('FILING_REVIEW', sh('2026-03-02')).warnings).toEqual([]);
  });

  it('takes a shortened period from test overrides, in seconds', () => {
    const policy = resolvePolicy('FILING_REVIEW', {
      FILING_REVIEW: { period: { length: 5, unit: 'SECONDS' } },
    });
    const triggeredAt = sh('2026-03-07', '10:00');
    expect(computeDeadline({ policy, triggeredAt }).dueAt).toBe(triggeredAt + 5000);
  });

  it('refuses a variant the policy does not have', () => {
    expect(() => deadline('FILING_REVIEW', sh('2026-03-02'), { variant: 'NOPE' })).toThrow(
      'Policy FILING_REVIEW has no variant NOPE.',
    );
  });

  it('cites a legal source and names an owner for every policy', () => {
    for (const policy of Object.values(DEADLINE_POLICIES)) {
      const { steps } = computeDeadline({ policy, triggeredAt: sh('2026-03-02') });
      expect(steps.at(-1)!.zh).toMatch(/^依据：.+负责：/);
    }
  });
});

describe('pauseRefusal', () => {
  it.each([
    ['an appraisal of a 治安 case', 'ADMIN_CASE', 'APPRAISAL', 1, 2, undefined],
    ['a hearing of a 治安 case', 'ADMIN_CASE', 'HEARING', 1, 2, undefined],
    [
      'another reason',
      'ADMIN_CASE',
      'HOLIDAY',
      1,
      2,
      'ADMIN_CASE pauses only for APPRAISAL, HEARING, not HOLIDAY.',
    ],
    [
      'a policy without pauses',
      'FILING_REVIEW',
      'APPRAISAL',
      1,
      2,
      'FILING_REVIEW does not pause: every day of it counts.',
    ],
    [
      'a pause that ends before it starts',
      'ADMIN_CASE',
      'APPRAISAL',
      2,
      1,
      'A pause must end after it starts.',
    ],
  ] as const)('%s', (_, code, reason, from, to, expected) => {
    expect(pauseRefusal(DEADLINE_POLICIES[code], { reason, from, to })).toBe(expected);
  });
});

describe('describePeriod', () => {
  it.each([
    [{ length: 1.5, unit: 'MONTHS' as const }, '一个半月'],
    [{ length: 2, unit: 'MONTHS' as const }, '2个月'],
    [{ length: 0.5, unit: 'MONTHS' as const }, '半个月'],
  ])('names %j %s', (period, zh) => {
    expect(describePeriod(period).zh).toBe(zh);
  });
});
