import {
  addDays,
  addMonthPeriod,
  addMonths,
  addWorkingDays,
  dayKind,
  endOfLocalDay,
  holidayCalendar,
  isWeekend,
  isWorkingDay,
  loadHolidayCalendar,
  localDateOf,
  nextWorkingDayOnOrAfter,
  SHANGHAI_OFFSET_MS,
  startOfLocalDay,
  yearsOutsideData,
  type HolidayData,
  type HolidayDataYear,
} from '../../../domain/calendar';

// Weekdays in these tables were computed, not assumed (new Date('…T00:00:00Z').getUTCDay()).

describe('Shanghai dates and instants', () => {
  it.each([
    ['2026-03-01T00:00:00.000Z', '2026-03-01'],
    ['2026-02-28T16:00:00.000Z', '2026-03-01'],
    ['2026-02-28T15:59:59.999Z', '2026-02-28'],
    ['2026-03-01T15:59:59.999Z', '2026-03-01'],
    ['2026-03-01T16:00:00.000Z', '2026-03-02'],
    ['2025-12-31T16:00:00.000Z', '2026-01-01'],
    ['1969-12-31T16:00:00.000Z', '1970-01-01'],
    ['1969-12-31T15:59:59.999Z', '1969-12-31'],
  ])('localDateOf(%s) is %s', (iso, date) => {
    expect(localDateOf(Date.parse(iso))).toBe(date);
  });

  it.each([
    ['2026-03-01', '2026-02-28T16:00:00.000Z', '2026-03-01T15:59:59.999Z'],
    ['2026-01-01', '2025-12-31T16:00:00.000Z', '2026-01-01T15:59:59.999Z'],
    ['2028-02-29', '2028-02-28T16:00:00.000Z', '2028-02-29T15:59:59.999Z'],
  ])('%s runs from %s to %s', (date, start, end) => {
    expect(startOfLocalDay(date)).toBe(Date.parse(start));
    expect(endOfLocalDay(date)).toBe(Date.parse(end));
    expect(localDateOf(startOfLocalDay(date))).toBe(date);
    expect(localDateOf(endOfLocalDay(date))).toBe(date);
  });

  it('uses a fixed UTC+8 offset', () => {
    expect(SHANGHAI_OFFSET_MS).toBe(8 * 3_600_000);
  });

  it.each(['2026-02-30', '2026-13-01', '26-03-01', '2026-3-1', '2026-03-01T00:00', ''])(
    'rejects the invalid date %j',
    (date) => {
      expect(() => startOfLocalDay(date)).toThrow(/Invalid date/);
      expect(() => addDays(date, 1)).toThrow(/Invalid date/);
      expect(() => addMonths(date, 1)).toThrow(/Invalid date/);
    },
  );
});

describe('addDays', () => {
  it.each([
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-01-01', 0, '2026-01-01'],
    ['2026-01-01', 365, '2027-01-01'],
  ])('%s + %i days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe('addMonths', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2026-12-15', 2, '2027-02-15'],
    ['2026-01-15', 1, '2026-02-15'],
    ['2026-01-30', 12, '2027-01-30'],
    ['2026-05-31', 1, '2026-06-30'],
  ])('%s + %i months is %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

// 高法解释 Art. 202: "期限起算日为本月最后一日的，至下月最后一日为一个月；下月同日不存在的，自本月
// 某日至下月最后一日为一个月；半个月一律按十五日计算。"
describe('months by 高法解释 Art. 202', () => {
  it.each([
    // The law's own example: from Feb 28 (the month's last day), one month ends on Mar 31.
    ['2026-02-28', 1, '2026-03-31'],
    ['2028-02-29', 1, '2028-03-31'],
    // In a leap year Feb 28 is not the last day: the same date.
    ['2028-02-28', 1, '2028-03-28'],
    ['2026-04-30', 1, '2026-05-31'],
    ['2026-06-30', 2, '2026-08-31'],
    ['2026-09-30', 5, '2027-02-28'],
    // The target month has no same date: its last day.
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-01-30', 1, '2026-02-28'],
    ['2026-03-30', 1, '2026-04-30'],
    ['2026-01-15', 2, '2026-03-15'],
  ])('%s + %i months is %s', (date, months, expected) => {
    expect(addMonths(date, months, 'ART_202')).toBe(expected);
  });

  it.each([
    ['2026-02-28', 1, '2026-03-28'],
    ['2026-04-30', 1, '2026-05-30'],
    ['2026-01-31', 1, '2026-02-28'],
  ])(
    'before the correction, %s + %i months was %s (cases decided then keep it)',
    (date, months, expected) => {
      expect(addMonths(date, months, 'SAME_DATE')).toBe(expected);
    },
  );

  it.each([
    // 一个半月 is one month and 15 days.
    ['2026-01-10', 1.5, '2026-02-25'],
    ['2026-01-31', 1.5, '2026-03-15'],
    ['2026-02-28', 1.5, '2026-04-15'],
    ['2026-03-01', 0.5, '2026-03-16'],
    ['2026-03-01', 2, '2026-05-01'],
  ])('%s + %s months is %s', (date, months, expected) => {
    expect(addMonthPeriod(date, months)).toBe(expected);
  });

  it('refuses a fraction of a month other than a half', () => {
    expect(() => addMonthPeriod('2026-03-01', 1.25)).toThrow(/whole or end in a half/);
  });
});

describe('dayKind and isWorkingDay', () => {
  it.each([
    // weekday    date          kind               known  working
    ['Sat', '2026-03-07', 'WEEKEND', true, false],
    ['Sun', '2026-03-08', 'WEEKEND', true, false],
    ['Mon', '2026-03-09', 'WORKDAY', true, true],
    ['Fri', '2026-03-06', 'WORKDAY', true, true],
    ['Thu', '2026-01-01', 'PUBLIC_HOLIDAY', true, false],
    ['Sat', '2026-01-03', 'PUBLIC_HOLIDAY', true, false],
    ['Sun', '2026-02-15', 'PUBLIC_HOLIDAY', true, false],
    ['Mon', '2026-02-23', 'PUBLIC_HOLIDAY', true, false],
    ['Fri', '2026-09-25', 'PUBLIC_HOLIDAY', true, false],
    ['Thu', '2026-10-01', 'PUBLIC_HOLIDAY', true, false],
    ['Wed', '2025-10-08', 'PUBLIC_HOLIDAY', true, false],
    ['Sat', '2026-02-14', 'MAKEUP_WORKDAY', true, true],
    ['Sun', '2026-01-04', 'MAKEUP_WORKDAY', true, true],
    ['Sat', '2026-10-10', 'MAKEUP_WORKDAY', true, true],
    ['Sun', '2025-01-26', 'MAKEUP_WORKDAY', true, true],
    ['Tue', '2026-02-24', 'WORKDAY', true, true],
    ['Fri', '2027-10-01', 'WORKDAY', false, true],
    ['Sat', '2027-01-02', 'WEEKEND', false, false],
    ['Mon', '2024-01-01', 'WORKDAY', false, true],
  ] as const)('%s %s is %s (known: %s)', (_weekday, date, kind, known, working) => {
    expect(dayKind(date)).toEqual({ kind, known });
    expect(isWorkingDay(date)).toBe(working);
  });

  it.each([
    ['2026-03-07', true],
    ['2026-03-08', true],
    ['2026-03-09', false],
    ['2026-02-14', true],
    ['2026-10-01', false],
  ])('isWeekend(%s) is %s, whatever the holiday data says', (date, weekend) => {
    expect(isWeekend(date)).toBe(weekend);
  });
});

describe('nextWorkingDayOnOrAfter', () => {
  it.each([
    ['a working day stays', '2026-03-09', '2026-03-09'],
    ['across the 2026 Spring Festival', '2026-02-15', '2026-02-24'],
    ['from the last day of the Spring Festival', '2026-02-23', '2026-02-24'],
    ['across an ordinary weekend', '2026-03-07', '2026-03-09'],
    ['a make-up Saturday stays', '2026-02-14', '2026-02-14'],
    ['across National Day', '2026-10-01', '2026-10-08'],
    ['across 元旦 2026 to the make-up Sunday', '2026-01-01', '2026-01-04'],
    ['past the data, weekends only', '2027-01-02', '2027-01-04'],
  ])('%s: %s → %s', (_case, date, expected) => {
    expect(nextWorkingDayOnOrAfter(date)).toBe(expected);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['onto a make-up Saturday', '2026-02-13', 1, '2026-02-14'],
    ['across the Spring Festival', '2026-02-12', 3, '2026-02-24'],
    ['across National Day', '2026-09-30', 1, '2026-10-08'],
    ['across an ordinary weekend', '2026-03-06', 1, '2026-03-09'],
    ['from a Saturday', '2026-03-07', 1, '2026-03-09'],
    ['a week of working days', '2026-03-09', 5, '2026-03-16'],
    ['from a holiday', '2026-10-01', 2, '2026-10-09'],
    ['onto the make-up Saturday after National Day', '2026-10-08', 2, '2026-10-10'],
    ['20 working days, across the Spring Festival', '2026-02-02', 20, '2026-03-06'],
  ])('%s: %s + %i → %s', (_case, date, count, expected) => {
    expect(addWorkingDays(date, count)).toBe(expected);
  });

  it.each([0, -1, 1.5])('rejects the count %p', (count) => {
    expect(() => addWorkingDays('2026-03-09', count)).toThrow(/at least 1/);
  });
});

describe('yearsOutsideData', () => {
  it.each([
    [['2026-03-01', '2026-12-31'], []],
    [['2025-01-01', '2026-06-01'], []],
    [['2026-12-20', '2027-01-10'], [2027]],
    [
      ['2028-01-01', '2024-05-01', '2027-03-01', '2028-02-01'],
      [2024, 2027, 2028],
    ],
    [[], []],
  ])('%j → %j', (dates, expected) => {
    expect(yearsOutsideData(dates)).toEqual(expected);
  });
});

describe('loadHolidayCalendar', () => {
  it('loads the State Council notices for 2025 and 2026', () => {
    expect(holidayCalendar.firstYear).toBe(2025);
    expect(holidayCalendar.lastYear).toBe(2026);
    const y2026 = holidayCalendar.years.get(2026)!;
    expect(y2026.notice).toContain('2025-11-04');
    // 3 + 9 + 3 + 5 + 3 + 3 + 7 days
    expect(y2026.holidays).toHaveLength(33);
    expect(y2026.holidays.slice(3, 12)).toEqual([
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
    ]);
    expect(y2026.makeupWorkdays).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    // 1 + 8 + 3 + 5 + 3 + 8 days
    expect(holidayCalendar.years.get(2025)!.holidays).toHaveLength(28);
  });

  const year2030 = (overrides: Partial<HolidayDataYear> = {}): HolidayDataYear => ({
    year: 2030,
    notice: 'test notice',
    holidays: [{ name: '春节', from: '2030-02-02', to: '2030-02-08' }],
    makeupWorkdays: ['2030-01-26'],
    ...overrides,
  });
  const data = (...years: HolidayDataYear[]): HolidayData => ({ source: 'test', years });

  it('accepts a calendar of its own, with the weekday rules applied to it', () => {
    const calendar = loadHolidayCalendar(data(year2030()));
    expect(calendar.firstYear).toBe(2030);
    expect(calendar.lastYear).toBe(2030);
    // 2030-01-26 is a Saturday; 2030-02-02 a Saturday; 2030-02-09 a Saturday.
    expect(dayKind('2030-01-26', calendar)).toEqual({ kind: 'MAKEUP_WORKDAY', known: true });
    expect(nextWorkingDayOnOrAfter('2030-02-02', calendar)).toBe('2030-02-11');
    expect(dayKind('2026-02-16', calendar)).toEqual({ kind: 'WORKDAY', known: false });
    expect(yearsOutsideData(['2026-02-16', '2030-02-16'], calendar)).toEqual([2026]);
  });

  it.each([
    [
      'a date that does not exist',
      data(year2030({ holidays: [{ name: '春节', from: '2030-02-30', to: '2030-03-01' }] })),
      'Holiday data, year 2030, holiday "春节" "from": "2030-02-30" is not a real date',
    ],
    [
      'a date in the wrong form',
      data(year2030({ makeupWorkdays: ['2030/01/26'] })),
      'Holiday data, year 2030, make-up working day: "2030/01/26" is not a real date',
    ],
    [
      'a range that ends before it starts',
      data(year2030({ holidays: [{ name: '春节', from: '2030-02-08', to: '2030-02-02' }] })),
      'Holiday data, year 2030, holiday "春节": the range ends on 2030-02-02 before it starts on 2030-02-08',
    ],
    [
      'a date both holiday and make-up day',
      data(year2030({ makeupWorkdays: ['2030-02-03'] })),
      'Holiday data, year 2030: 2030-02-03 is listed both as a holiday (春节) and as a make-up working day',
    ],
    [
      'a holiday outside its year',
      data(year2030({ holidays: [{ name: '元旦', from: '2029-12-31', to: '2030-01-01' }] })),
      'Holiday data, year 2030, holiday "元旦" "from": 2029-12-31 is not in 2030',
    ],
    [
      'a make-up day outside its year',
      data(year2030({ makeupWorkdays: ['2031-01-04'] })),
      'Holiday data, year 2030, make-up working day: 2031-01-04 is not in 2030',
    ],
    [
      'a make-up day on a weekday',
      data(year2030({ makeupWorkdays: ['2030-01-25'] })),
      'Holiday data, year 2030, make-up working day 2030-01-25: it is a Friday',
    ],
    ['the same year twice', data(year2030(), year2030()), 'Holiday data lists year 2030 twice'],
    [
      'a gap between years',
      data(year2030(), year2030({ year: 2032, holidays: [], makeupWorkdays: [] })),
      'Holiday data jumps from year 2030 to 2032',
    ],
    ['no years at all', data(), 'Holiday data has no years'],
    ['a bad year', data(year2030({ year: 30 })), 'Holiday data has a bad year 30'],
    [
      'an empty notice',
      data(year2030({ notice: ' ' })),
      'Holiday data, year 2030: the notice (number and date of the State Council notice) is empty',
    ],
  ])('rejects %s', (_case, bad, message) => {
    expect(() => loadHolidayCalendar(bad)).toThrow(message);
  });
});
