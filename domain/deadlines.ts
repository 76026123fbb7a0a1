// 期限计算: when a deadline falls due, and why, in Chinese and English.
//
// Counting (刑事诉讼法 Art. 105; 公安行规 Art. 35): the starting hour or day is not counted; months
// run to the same date of the target month, or its last day; a last day on a public holiday or
// weekend moves to the next working day, except for periods in custody, which end on the calendar
// date. Working-day periods skip weekends and holidays and count make-up working days (调休).
import {
  addDays,
  addMonthPeriod,
  addWorkingDays,
  dayKind,
  endOfLocalDay,
  holidayCalendar,
  isWorkingDay,
  localDateOf,
  nextWorkingDayOnOrAfter,
  SHANGHAI_OFFSET_MS,
  yearsOutsideData,
  type HolidayCalendar,
  type LocalDate,
  type MonthCounting,
} from './calendar';
import { citeEn, citeZh, LEGAL_SOURCES } from './legal-sources';
import type { DeadlinePolicy, Period } from './deadline-policies';
import { ROLES } from './roles';

export interface Explanation {
  zh: string;
  en: string;
}

export interface DeadlineInput {
  policy: DeadlinePolicy;
  /** When the triggering event happened, epoch milliseconds. */
  triggeredAt: number;
  /** A named circumstance of the policy (e.g. SENTENCE_OVER_ONE_YEAR). */
  variant?: string;
  /** Overrides the policy's custody flag (e.g. a prosecution review of a detained suspect). */
  custody?: boolean;
  /** Extensions granted so far, in order; each within its step's cap. */
  extensions?: Period[];
  /** Time that does not count (鉴定, 听证), as intervals in epoch milliseconds. */
  pauses?: Array<{ from: number; to: number; reason: string }>;
  calendar?: HolidayCalendar;
  /** How months are counted: 高法解释 Art. 202 unless a case was decided before that correction. */
  monthCounting?: MonthCounting;
}

export interface Deadline {
  policyCode: string;
  dueAt: number;
  steps: Explanation[];
  warnings: Explanation[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** What a deadline under drill mode (DRILL_DEADLINES) says first, and warns. */
const DRILL_NOTICE: Record<'SHORTENED' | 'LEGAL_LENGTH', Explanation> = {
  SHORTENED: {
    zh: '演练：本系统处于演练模式（DRILL_DEADLINES），本期限已为演练缩短，不是法定期限。',
    en: 'Drill: this system runs in drill mode (DRILL_DEADLINES); this deadline is shortened for the drill and is not the legal period.',
  },
  LEGAL_LENGTH: {
    zh: '演练：本系统处于演练模式（DRILL_DEADLINES），本期限未缩短，仍为法定期限。',
    en: 'Drill: this system runs in drill mode (DRILL_DEADLINES); this deadline is not shortened and keeps its legal length.',
  },
};

/** Time that does not count (鉴定, 听证): the reasons a policy's pausesOn may name. */
export const PAUSE_REASONS: Record<string, Explanation> = {
  APPRAISAL: { zh: '鉴定', en: 'an appraisal' },
  HEARING: { zh: '听证', en: 'a hearing' },
};

/**
 * Time an information request's answer does not count (政府信息公开条例 Art. 33 ¶3), recorded by
 * the request's own commands (a consultation's start and end), not as a case's pause.
 */
export const CONSULTATION_PAUSES: Record<string, Explanation> = {
  THIRD_PARTY_CONSULTATION: { zh: '征求第三方意见', en: 'consulting a third party' },
  AGENCY_CONSULTATION: { zh: '征求其他机关意见', en: 'consulting another agency' },
};

/**
 * The longest one pause may take out of a deadline. 鉴定 and 听证 have no cap in the statutes: these
 * are the bureau's policy values, so that a typo or a self-granted pause cannot stop a clock for
 * years without anyone's approval.
 */
export const PAUSE_LONGEST_MS: Record<keyof typeof PAUSE_REASONS, number> = {
  APPRAISAL: 180 * DAY_MS,
  HEARING: 30 * DAY_MS,
};

/** How a period in months was counted, in the explanation. */
const MONTH_COUNTING: Record<MonthCounting, Explanation> = {
  ART_202: {
    zh: `按月计算的期间，至期满月的对应日；起算日为月末最后一日的，至期满月的最后一日；期满月没有对应日的，至该月最后一日；半个月按十五日计算（${citeZh(LEGAL_SOURCES.MONTH_COUNTING)}）。`,
    en: `A period in months runs to the same date of the last month; from the last day of a month, to the last month's last day; where that month has no such date, to its last day; half a month is 15 days (${citeEn(LEGAL_SOURCES.MONTH_COUNTING)}).`,
  },
  SAME_DATE: {
    zh: '按月计算的期间，至期满月的对应日；没有对应日的，至该月最后一日。',
    en: "A period in months runs to the same date of the last month, or to that month's last day if it has no such date.",
  },
};

const pauseLabel = (reason: string): Explanation =>
  PAUSE_REASONS[reason] ?? CONSULTATION_PAUSES[reason] ?? { zh: reason, en: reason };
const UNIT_MS = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000 } as const;

const pad = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM-DD HH:mm' in Asia/Shanghai. */
export function formatShanghai(instant: number, withSeconds = false): string {
  const d = new Date(instant + SHANGHAI_OFFSET_MS);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return `${date} ${time}${withSeconds ? `:${pad(d.getUTCSeconds())}` : ''}`;
}

export function describePeriod(period: Period): Explanation {
  const working = period.calendar === 'WORKING';
  switch (period.unit) {
    case 'SECONDS':
      return {
        zh: `${period.length}秒`,
        en: `${period.length} second${period.length === 1 ? '' : 's'}`,
      };
    case 'MINUTES':
      return {
        zh: `${period.length}分钟`,
        en: `${period.length} minute${period.length === 1 ? '' : 's'}`,
      };
    case 'HOURS':
      return {
        zh: `${period.length}小时`,
        en: `${period.length} hour${period.length === 1 ? '' : 's'}`,
      };
    case 'DAYS':
      return working
        ? {
            zh: `${period.length}个工作日`,
            en: `${period.length} working day${period.length === 1 ? '' : 's'}`,
          }
        : { zh: `${period.length}日`, en: `${period.length} day${period.length === 1 ? '' : 's'}` };
    case 'MONTHS': {
      // 一个半月: half a month is 15 days (高法解释 Art. 202).
      const whole = Math.floor(period.length);
      const zh = Number.isInteger(period.length)
        ? `${period.length}个月`
        : whole === 0
          ? '半个月'
          : `${whole === 1 ? '一' : whole}个半月`;
      return { zh, en: `${period.length} month${period.length === 1 ? '' : 's'}` };
    }
    case 'END_OF_DAY':
      return { zh: '当日', en: 'the same day' };
  }
}

const WEEKDAYS_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function describeDay(date: LocalDate, calendar: HolidayCalendar): Explanation {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  const { kind } = dayKind(date, calendar);
  const zhKind = {
    WORKDAY: '工作日',
    WEEKEND: '休息日',
    PUBLIC_HOLIDAY: '法定节假日',
    MAKEUP_WORKDAY: '调休上班日',
  }[kind];
  const enKind = {
    WORKDAY: 'a working day',
    WEEKEND: 'a rest day',
    PUBLIC_HOLIDAY: 'a public holiday',
    MAKEUP_WORKDAY: 'a make-up working day',
  }[kind];
  return {
    zh: `${date}（${WEEKDAYS_ZH[weekday]}，${zhKind}）`,
    en: `${date} (${WEEKDAYS_EN[weekday]}, ${enKind})`,
  };
}

/** Adds a day-or-month period to a last day, as the counting rule says. */
function addToDate(
  date: LocalDate,
  period: Period,
  calendar: HolidayCalendar,
  counting: MonthCounting,
): LocalDate {
  if (period.unit === 'MONTHS') return addMonthPeriod(date, period.length, counting);
  if (period.calendar === 'WORKING') return addWorkingDays(date, period.length, calendar);
  return addDays(date, period.length);
}

const isDayBased = (period: Period) => period.unit === 'DAYS' || period.unit === 'MONTHS';

/** Computes a deadline and the steps that explain it. Pure: the caller supplies every time. */
export function computeDeadline(input: DeadlineInput): Deadline {
  const calendar = input.calendar ?? holidayCalendar;
  const counting = input.monthCounting ?? 'ART_202';
  const { policy } = input;
  const variant = input.variant ? policy.variants?.[input.variant] : undefined;
  if (input.variant && !variant) {
    throw new Error(`Policy ${policy.code} has no variant ${input.variant}.`);
  }
  const period = variant?.period ?? policy.period;
  const custody = input.custody ?? policy.custody;
  const extensions = input.extensions ?? [];
  const pauses = input.pauses ?? [];
  const steps: Explanation[] = [];
  const warnings: Explanation[] = [];
  const length = describePeriod(period);

  if (policy.drill) {
    const notice = DRILL_NOTICE[policy.drill];
    warnings.push(notice);
    steps.push(notice);
  }
  steps.push({
    zh: `${policy.label}：自${policy.trigger.label}（${formatShanghai(input.triggeredAt)}，北京时间）起算。`,
    en: `${policy.name}: counted from ${policy.trigger.name} (${formatShanghai(input.triggeredAt)}, Asia/Shanghai).`,
  });
  if (variant) {
    steps.push({
      zh: `情形：${variant.label}，期限为${length.zh}。`,
      en: `Circumstance: ${variant.name}, so the period is ${length.en}.`,
    });
  }

  let dueAt: number;
  if (!isDayBased(period)) {
    if (period.unit === 'END_OF_DAY') {
      dueAt = endOfLocalDay(localDateOf(input.triggeredAt));
      steps.push({
        zh: '期限：当日办结，至当日24时。',
        en: 'Period: the same day, until midnight.',
      });
    } else if (period.unit === 'HOURS' && policy.fromExactInstant) {
      dueAt = input.triggeredAt + period.length * UNIT_MS.HOURS;
      steps.push({
        zh: `期限：${length.zh}，自${policy.trigger.label}时起计算，至${formatShanghai(dueAt)}。`,
        en: `Period: ${length.en}, counted from the very instant of ${policy.trigger.name}, so it ends at ${formatShanghai(dueAt)}.`,
      });
    } else if (period.unit === 'HOURS') {
      // The starting hour is not counted: the period runs from the next full hour.
      const nextHour =
        Math.floor(input.triggeredAt / UNIT_MS.HOURS) * UNIT_MS.HOURS + UNIT_MS.HOURS;
      dueAt = nextHour + period.length * UNIT_MS.HOURS;
      steps.push({
        zh: `期限：${length.zh}；起算的小时不计入，自${formatShanghai(nextHour)}起计算。`,
        en: `Period: ${length.en}; the starting hour is not counted, so counting begins at ${formatShanghai(nextHour)}.`,
      });
    } else {
      dueAt = input.triggeredAt + period.length * UNIT_MS[period.unit as keyof typeof UNIT_MS];
      // Minutes are the bureau's arrival standards; seconds exist only as test or drill overrides.
      steps.push(
        policy.drill === 'SHORTENED'
          ? {
              zh: `期限：${length.zh}（演练缩短的期限，DRILL_DEADLINES）。`,
              en: `Period: ${length.en} (shortened for a drill, DRILL_DEADLINES).`,
            }
          : period.unit === 'SECONDS'
            ? {
                zh: `期限：${length.zh}（测试或演练缩短的期限）。`,
                en: `Period: ${length.en} (shortened for a test or drill).`,
              }
            : {
                zh: `期限：${length.zh}（本局规定）。`,
                en: `Period: ${length.en} (a local standard).`,
              },
      );
    }
    for (const [i, extension] of extensions.entries()) {
      if (isDayBased(extension))
        throw new Error(
          `Policy ${policy.code} counts in ${period.unit}; an extension in ${extension.unit} does not apply.`,
        );
      dueAt += extension.length * UNIT_MS[extension.unit as keyof typeof UNIT_MS];
      const e = describePeriod(extension);
      steps.push({
        zh: `延长：第${i + 1}次延长${e.zh}。`,
        en: `Extension ${i + 1}: ${e.en} more.`,
      });
    }
    for (const pause of pauses) {
      dueAt += pause.to - pause.from;
      steps.push({
        zh: `中止：${pauseLabel(pause.reason).zh}期间（${formatShanghai(pause.from)}至${formatShanghai(pause.to)}）不计入。`,
        en: `Paused: the time of ${pauseLabel(pause.reason).en} (${formatShanghai(pause.from)} to ${formatShanghai(pause.to)}) does not count.`,
      });
    }
  } else {
    const startDate = localDateOf(input.triggeredAt);
    let lastDay = addToDate(startDate, period, calendar, counting);
    steps.push({
      zh: `期限：${length.zh}；起算当日（${startDate}）不计入，期间届满日为${lastDay}。`,
      en: `Period: ${length.en}; the starting day (${startDate}) is not counted, so the period's last day is ${lastDay}.`,
    });
    if (period.unit === 'MONTHS' || extensions.some((e) => e.unit === 'MONTHS'))
      steps.push(MONTH_COUNTING[counting]);
    for (const [i, extension] of extensions.entries()) {
      if (!isDayBased(extension))
        throw new Error(
          `Policy ${policy.code} counts in days; an extension in ${extension.unit} does not apply.`,
        );
      lastDay = addToDate(lastDay, extension, calendar, counting);
      const e = describePeriod(extension);
      steps.push({
        zh: `延长：第${i + 1}次延长${e.zh}，届满日为${lastDay}。`,
        en: `Extension ${i + 1}: ${e.en} more, to ${lastDay}.`,
      });
    }
    // A period in working days loses the working days of the pause; others its natural days.
    const working = period.calendar === 'WORKING';
    for (const pause of pauses) {
      const [from, to] = [localDateOf(pause.from), localDateOf(pause.to)];
      const pausedDays = working
        ? workingDaysAfter(from, to, calendar)
        : Math.max(0, Math.round((endOfLocalDay(to) - endOfLocalDay(from)) / DAY_MS));
      if (pausedDays > 0)
        lastDay = working
          ? addWorkingDays(lastDay, pausedDays, calendar)
          : addDays(lastDay, pausedDays);
      const unit = working
        ? { zh: '个工作日', en: ` working day${pausedDays === 1 ? '' : 's'}` }
        : { zh: '日', en: ` day${pausedDays === 1 ? '' : 's'}` };
      steps.push({
        zh: `中止：${pauseLabel(pause.reason).zh}期间（${from}至${to}，${pausedDays}${unit.zh}）不计入，届满日为${lastDay}。`,
        en: `Paused: ${pauseLabel(pause.reason).en} (${from} to ${to}, ${pausedDays}${unit.en}) does not count, so the last day is ${lastDay}.`,
      });
    }
    if (period.calendar === 'WORKING') {
      steps.push({
        zh: '按工作日计算：不计休息日和法定节假日，调休上班日计入。',
        en: 'Counted in working days: weekends and public holidays are skipped; make-up working days count.',
      });
    } else if (!isWorkingDay(lastDay, calendar)) {
      const day = describeDay(lastDay, calendar);
      if (custody) {
        steps.push({
          zh: `届满日${day.zh}不顺延：羁押期间以日历日届满。`,
          en: `The last day, ${day.en}, is not moved: a period in custody ends on its calendar date.`,
        });
      } else {
        const moved = nextWorkingDayOnOrAfter(lastDay, calendar);
        steps.push({
          zh: `顺延：届满日${day.zh}，顺延至节假日后的第一个工作日${moved}。`,
          en: `Roll-over: the last day is ${day.en}; it moves to the next working day, ${moved}.`,
        });
        lastDay = moved;
      }
    }
    dueAt = endOfLocalDay(lastDay);
    const unknownYears = yearsOutsideData([startDate, lastDay], calendar);
    if (unknownYears.length > 0) {
      const years = unknownYears.join(', ');
      const warning = {
        zh: `注意：${years}年的节假日安排尚未录入，仅按周末计算休息日，结果可能有误。`,
        en: `Warning: the holidays of ${years} are not in the calendar data yet; only weekends were treated as rest days, so this date may be wrong.`,
      };
      warnings.push(warning);
      steps.push(warning);
    }
  }

  steps.push({
    zh: `截止：${formatShanghai(dueAt, true)}（北京时间）。`,
    en: `Due: ${formatShanghai(dueAt, true)} (Asia/Shanghai).`,
  });
  steps.push({
    zh: `依据：${citeZh(policy.source)}；期间计算依据${citeZh(policy.counting ?? LEGAL_SOURCES.PERIOD_COUNTING)}。负责：${ROLES[policy.owner]}。`,
    en: `Source: ${citeEn(policy.source)}; counting per ${citeEn(policy.counting ?? LEGAL_SOURCES.PERIOD_COUNTING)}. Owner: ${policy.owner}.`,
  });
  return { policyCode: policy.code, dueAt, steps, warnings };
}

/** The working days after `from` up to and including `to`: what a pause over them takes out. */
function workingDaysAfter(from: LocalDate, to: LocalDate, calendar: HolidayCalendar): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1))
    if (isWorkingDay(day, calendar)) count++;
  return count;
}

/** Why time may not be taken out of this deadline, or undefined (only the reasons its policy names). */
export function pauseRefusal(
  policy: { code: string; pausesOn: string[] },
  pause: { reason: string; from: number; to: number },
): string | undefined {
  if (!policy.pausesOn.includes(pause.reason)) {
    return policy.pausesOn.length
      ? `${policy.code} pauses only for ${policy.pausesOn.join(', ')}, not ${pause.reason}.`
      : `${policy.code} does not pause: every day of it counts.`;
  }
  if (!(pause.to > pause.from)) return 'A pause must end after it starts.';
  return undefined;
}

/**
 * Why a pause may not be recorded on this clock now, or undefined: it is recorded once it has
 * ended (never ahead), within the time the clock has run, and no longer than the policy allows.
 */
export function pauseTimingRefusal(
  pause: { reason: string; from: number; to: number },
  clock: { openedAt: number },
  recordedAt: number,
): string | undefined {
  if (pause.to > recordedAt)
    return `A pause is recorded once it has ended: ${formatShanghai(pause.to)} is still to come.`;
  if (pause.from < clock.openedAt)
    return `A pause cannot start before the deadline began (${formatShanghai(clock.openedAt)}).`;
  const longest = PAUSE_LONGEST_MS[pause.reason as keyof typeof PAUSE_LONGEST_MS];
  if (longest !== undefined && pause.to - pause.from > longest)
    return `A pause for ${pauseLabel(pause.reason).en} lasts at most ${longest / DAY_MS} days.`;
  return undefined;
}
