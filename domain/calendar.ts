// 法定日历: Shanghai calendar dates, and which of them are working days.
//
// "节假日" in the counting rule means weekends and public holidays; a make-up working day (调休上班)
// is a Saturday or Sunday declared a working day. The holidays are data from the State Council's
// yearly notice (data/holidays-cn.json), so a new year is one edit there, not a code change.
import holidaysData from './data/holidays-cn.json';

/** Asia/Shanghai is UTC+8 all year (no daylight saving since 1991). */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** A calendar date in Asia/Shanghai, 'YYYY-MM-DD'. */
export type LocalDate = string;

/** 工作日 / 休息日 / 法定节假日 / 调休上班日 */
export type DayKind = 'WORKDAY' | 'WEEKEND' | 'PUBLIC_HOLIDAY' | 'MAKEUP_WORKDAY';

/** The holiday data file: one entry per State Council notice (国务院办公厅节假日安排通知). */
export interface HolidayData {
  source: string;
  years: HolidayDataYear[];
}

export interface HolidayDataYear {
  year: number;
  /** The notice's number and date, kept so a reader can check the data against it. */
  notice: string;
  /** Inclusive ranges, as the notice writes them. */
  holidays: Array<{ name: string; from: LocalDate; to: LocalDate }>;
  makeupWorkdays: LocalDate[];
}

/** One year of the calendar, holidays expanded to single days. */
export interface HolidayYear {
  year: number;
  notice: string;
  holidays: LocalDate[];
  makeupWorkdays: LocalDate[];
}

export interface HolidayCalendar {
  years: Map<number, HolidayYear>;
  firstYear: number;
  lastYear: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Days since 1970-01-01, or undefined if the text is not a real date in YYYY-MM-DD form. */
function tryDayNumber(date: unknown): number | undefined {
  if (typeof date !== 'string') return undefined;
  const match = DATE_PATTERN.exec(date);
  if (!match) return undefined;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const day = Date.UTC(y, m - 1, d) / DAY_MS;
  // Date.UTC rolls 02-30 over to March (and years below 100 to the 1900s): reject, don't guess.
  return fromDayNumber(day) === date ? day : undefined;
}

function dayNumber(date: LocalDate): number {
  const day = tryDayNumber(date);
  if (day === undefined) {
    throw new RangeError(
      `Invalid date ${JSON.stringify(date)}: expected a real date 'YYYY-MM-DD'.`,
    );
  }
  return day;
}

function fromDayNumber(day: number): LocalDate {
  const d = new Date(day * DAY_MS);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function weekdayOf(day: number): number {
  return new Date(day * DAY_MS).getUTCDay();
}

const yearOf = (date: LocalDate) => Number(date.slice(0, 4));

function requireInteger(value: number, what: string): void {
  if (!Number.isInteger(value)) throw new RangeError(`${what} must be an integer, not ${value}.`);
}

/**
 * Builds the calendar from the holiday data (default: data/holidays-cn.json), checking every entry
 * so a typo in a new year's data fails at load, not in a deadline months later.
 */
export function loadHolidayCalendar(data: HolidayData = holidaysData): HolidayCalendar {
  if (!Array.isArray(data.years) || data.years.length === 0) {
    throw new Error('Holiday data has no years: add at least one State Council notice.');
  }
  const years = new Map<number, HolidayYear>();
  for (const entry of data.years) {
    const year = loadYear(entry);
    if (years.has(year.year)) {
      throw new Error(`Holiday data lists year ${year.year} twice; keep one entry per year.`);
    }
    years.set(year.year, year);
  }
  const sorted = [...years.keys()].sort((a, b) => a - b);
  // A gap would make "is this date covered?" depend on more than the first and last year.
  for (const [i, year] of sorted.entries()) {
    const previous = sorted[i - 1];
    if (previous !== undefined && year !== previous + 1) {
      throw new Error(
        `Holiday data jumps from year ${previous} to ${year}; add the years in between.`,
      );
    }
  }
  return { years, firstYear: sorted[0]!, lastYear: sorted[sorted.length - 1]! };
}

function loadYear(entry: HolidayDataYear): HolidayYear {
  const { year } = entry;
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new Error(`Holiday data has a bad year ${JSON.stringify(year)}: expected e.g. 2026.`);
  }
  const where = `Holiday data, year ${year}`;
  if (typeof entry.notice !== 'string' || entry.notice.trim() === '') {
    throw new Error(`${where}: the notice (number and date of the State Council notice) is empty.`);
  }
  if (!Array.isArray(entry.holidays) || !Array.isArray(entry.makeupWorkdays)) {
    throw new Error(`${where}: "holidays" and "makeupWorkdays" must be lists.`);
  }

  const checkDate = (date: unknown, what: string): number => {
    const day = tryDayNumber(date);
    if (day === undefined) {
      throw new Error(
        `${where}, ${what}: ${JSON.stringify(date)} is not a real date in the form YYYY-MM-DD.`,
      );
    }
    if (yearOf(date as string) !== year) {
      throw new Error(
        `${where}, ${what}: ${date as string} is not in ${year}; list it under its own year.`,
      );
    }
    return day;
  };

  const holidayNames = new Map<LocalDate, string>();
  for (const holiday of entry.holidays) {
    const name = typeof holiday.name === 'string' ? holiday.name : '';
    const what = `holiday ${JSON.stringify(name)}`;
    if (name.trim() === '') throw new Error(`${where}: a holiday has no name.`);
    const from = checkDate(holiday.from, `${what} "from"`);
    const to = checkDate(holiday.to, `${what} "to"`);
    if (to < from) {
      throw new Error(
        `${where}, ${what}: the range ends on ${holiday.to} before it starts on ${holiday.from}.`,
      );
    }
    for (let day = from; day <= to; day++) holidayNames.set(fromDayNumber(day), name);
  }

  const makeupWorkdays = new Set<LocalDate>();
  for (const date of entry.makeupWorkdays) {
    const day = checkDate(date, 'make-up working day');
    const name = holidayNames.get(date);
    if (name !== undefined) {
      throw new Error(
        `${where}: ${date} is listed both as a holiday (${name}) and as a make-up working day; keep one.`,
      );
    }
    const weekday = weekdayOf(day);
    if (weekday !== 0 && weekday !== 6) {
      throw new Error(
        `${where}, make-up working day ${date}: it is a ${WEEKDAYS[weekday]}, but a make-up working day (调休上班) is a Saturday or Sunday.`,
      );
    }
    makeupWorkdays.add(date);
  }

  return {
    year,
    notice: entry.notice,
    holidays: [...holidayNames.keys()].sort(),
    makeupWorkdays: [...makeupWorkdays].sort(),
  };
}

/** The calendar from data/holidays-cn.json, loaded once. */
export const holidayCalendar: HolidayCalendar = loadHolidayCalendar();

/** The Shanghai calendar date of an instant (epoch milliseconds). */
export function localDateOf(instant: number): LocalDate {
  if (!Number.isFinite(instant)) throw new RangeError(`Invalid instant ${instant}.`);
  return fromDayNumber(Math.floor((instant + SHANGHAI_OFFSET_MS) / DAY_MS));
}

/** 00:00:00.000 Shanghai time on the date, as epoch milliseconds. */
export function startOfLocalDay(date: LocalDate): number {
  return dayNumber(date) * DAY_MS - SHANGHAI_OFFSET_MS;
}

/** 23:59:59.999 Shanghai time on the date ("至当日24时"), as epoch milliseconds. */
export function endOfLocalDay(date: LocalDate): number {
  return startOfLocalDay(date) + DAY_MS - 1;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  requireInteger(days, 'days');
  return fromDayNumber(dayNumber(date) + days);
}

/**
 * How a period in months is counted. ART_202 (高法解释 Art. 202): to the same date of the target
 * month; from the last day of a month, to the target month's last day; where the target month has
 * no such date, to its last day. SAME_DATE is the count before that correction (a period from
 * Feb 28 ended on Mar 28), kept for cases decided under it.
 */
export type MonthCounting = 'ART_202' | 'SAME_DATE';

/** Half a month counts as 15 days (高法解释 Art. 202), so "一个半月" is one month and 15 days. */
export const HALF_MONTH_DAYS = 15;

const lastDayOfMonth = (year: number, monthIndex: number) =>
  // Day 0 of the next month is the last day of this one.
  new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();

/** The date `months` whole months after `date`, counted as `counting` says. */
export function addMonths(
  date: LocalDate,
  months: number,
  counting: MonthCounting = 'ART_202',
): LocalDate {
  requireInteger(months, 'months');
  dayNumber(date);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const monthIndex = y * 12 + (m - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = lastDayOfMonth(year, month);
  const fromMonthEnd = counting === 'ART_202' && d === lastDayOfMonth(y, m - 1);
  return `${pad(year, 4)}-${pad(month + 1)}-${pad(fromMonthEnd ? lastDay : Math.min(d, lastDay))}`;
}

/** A period of whole months, or whole months and a half (一个半月: one month, then 15 days). */
export function addMonthPeriod(
  date: LocalDate,
  months: number,
  counting: MonthCounting = 'ART_202',
): LocalDate {
  const whole = Math.floor(months);
  const half = months - whole;
  if (half !== 0 && half !== 0.5)
    throw new RangeError(`months must be whole or end in a half, not ${months}.`);
  const end = whole > 0 ? addMonths(date, whole, counting) : date;
  return half ? addDays(end, HALF_MONTH_DAYS) : end;
}

export function isWeekend(date: LocalDate): boolean {
  const weekday = weekdayOf(dayNumber(date));
  return weekday === 0 || weekday === 6;
}

/**
 * What kind of day the date is. known=false when its year is not in the data: then only weekends
 * count as rest days, and the caller should warn (see yearsOutsideData).
 */
export function dayKind(
  date: LocalDate,
  calendar: HolidayCalendar = holidayCalendar,
): { kind: DayKind; known: boolean } {
  const weekend = isWeekend(date);
  const year = calendar.years.get(yearOf(date));
  if (!year) return { kind: weekend ? 'WEEKEND' : 'WORKDAY', known: false };
  if (year.holidays.includes(date)) return { kind: 'PUBLIC_HOLIDAY', known: true };
  if (year.makeupWorkdays.includes(date)) return { kind: 'MAKEUP_WORKDAY', known: true };
  return { kind: weekend ? 'WEEKEND' : 'WORKDAY', known: true };
}

export function isWorkingDay(
  date: LocalDate,
  calendar: HolidayCalendar = holidayCalendar,
): boolean {
  const { kind } = dayKind(date, calendar);
  return kind === 'WORKDAY' || kind === 'MAKEUP_WORKDAY';
}

/** The date itself if it is a working day, else the first working day after it (顺延). */
export function nextWorkingDayOnOrAfter(
  date: LocalDate,
  calendar: HolidayCalendar = holidayCalendar,
): LocalDate {
  let day = date;
  while (!isWorkingDay(day, calendar)) day = addDays(day, 1);
  return day;
}

/** The count-th working day after the date; the date itself is never counted. */
export function addWorkingDays(
  date: LocalDate,
  count: number,
  calendar: HolidayCalendar = holidayCalendar,
): LocalDate {
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`count must be a whole number of working days, at least 1, not ${count}.`);
  }
  let day = date;
  for (let counted = 0; counted < count;) {
    day = addDays(day, 1);
    if (isWorkingDay(day, calendar)) counted++;
  }
  return day;
}

/** The years of these dates that the holiday data does not cover, sorted, for a warning. */
export function yearsOutsideData(
  dates: LocalDate[],
  calendar: HolidayCalendar = holidayCalendar,
): number[] {
  const missing = new Set<number>();
  for (const date of dates) {
    dayNumber(date);
    const year = yearOf(date);
    if (!calendar.years.has(year)) missing.add(year);
  }
  return [...missing].sort((a, b) => a - b);
}
