/**
 * GET /api/calendar/deadline against the calendar in force. Expected dates are worked out by hand
 * from the law named in each test (Civil Code 2015 Art. 147–148 for counting, Labour Code 2019
 * Art. 111–112 and the government's announcements for the days off), never by calling the code.
 */
import request from 'supertest';
import { createTestStack, type TestStack } from '../../support/stack';

type Skipped = { date: string; reason: string };

describe('GET /api/calendar/deadline', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await createTestStack('cal_deadline');
  });
  afterAll(() => stack.close());

  const get = (query: string) => request(stack.app).get(`/api/calendar/deadline?${query}`);
  const dates = (skipped: Skipped[]) => skipped.map((s) => s.date);

  it('Civil Code 2015 Art. 147: 1 working day after Friday 06/3/2026 is Monday 09/3, the weekend skipped', async () => {
    const res = await get('from=2026-03-06&workingDays=1').expect(200);
    expect(res.body).toEqual({
      from: '2026-03-06',
      due: '2026-03-09',
      amount: 1,
      unit: 'working-days',
      skipped: [
        { date: '2026-03-07', reason: expect.stringMatching(/Thứ Bảy/) },
        { date: '2026-03-08', reason: expect.stringMatching(/Chủ nhật/) },
      ],
    });
  });

  it('Art. 147: the event day is not counted, so 5 WD from Monday 02/3/2026 is Monday 09/3', async () => {
    const res = await get('from=2026-03-02&workingDays=5').expect(200);
    expect(res.body.due).toBe('2026-03-09');
  });

  it('Labour Code 2019 Art. 112 + MOHA announcement 17/10/2025: Tết 2026 is off Mon 16 – Fri 20/02, so 5 WD from Fri 13/02 end Fri 27/02', async () => {
    const res = await get('from=2026-02-13&workingDays=5').expect(200);
    expect(res.body.due).toBe('2026-02-27');
    expect(dates(res.body.skipped)).toEqual([
      '2026-02-14',
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
    ]);
    for (const day of (res.body.skipped as Skipped[]).filter((s) => s.date >= '2026-02-16' && s.date <= '2026-02-20')) {
      expect(day.reason).toMatch(/Tết Nguyên đán/);
    }
  });

  it('Labour Code Art. 111(3)/112: Hùng Kings’ day 10/3 lunar = Sunday 26/4/2026, compensated Monday 27/4; 1 WD from Fri 24/4 is Tue 28/4', async () => {
    const res = await get('from=2026-04-24&workingDays=1').expect(200);
    expect(res.body.due).toBe('2026-04-28');
    const skipped = res.body.skipped as Skipped[];
    expect(dates(skipped)).toEqual(['2026-04-25', '2026-04-26', '2026-04-27']);
    expect(skipped[1]?.reason).toMatch(/Hùng Vương/);
    expect(skipped[2]?.reason).toMatch(/Nghỉ bù.*Hùng Vương/);
  });

  it('Labour Code Art. 112: 30/4 (Thu) and 1/5 (Fri) 2026 are off; 1 WD from Wed 29/4 is Mon 04/5', async () => {
    const res = await get('from=2026-04-29&workingDays=1').expect(200);
    expect(res.body.due).toBe('2026-05-04');
    const skipped = res.body.skipped as Skipped[];
    expect(dates(skipped)).toEqual(['2026-04-30', '2026-05-01', '2026-05-02', '2026-05-03']);
    expect(skipped[0]?.reason).toMatch(/thống nhất đất nước/);
    expect(skipped[1]?.reason).toMatch(/Lao động/);
  });

  it('Hùng Kings’ day and 30/4–1/5 together: 3 WD from Fri 24/4/2026 are 28/4, 29/4 and Mon 04/5', async () => {
    const res = await get('from=2026-04-24&workingDays=3').expect(200);
    expect(res.body.due).toBe('2026-05-04');
    expect(res.body.skipped).toHaveLength(7);
  });

  it('Art. 147: 0 working days from a working day is that day', async () => {
    const res = await get('from=2026-03-04&workingDays=0').expect(200);
    expect(res.body).toMatchObject({ due: '2026-03-04', skipped: [] });
  });

  it('Civil Code Art. 148: 15 calendar days from Fri 06/3/2026 end Sat 21/3, so the deadline moves to Mon 23/3', async () => {
    const res = await get('from=2026-03-06&calendarDays=15').expect(200);
    expect(res.body).toEqual({
      from: '2026-03-06',
      due: '2026-03-23',
      amount: 15,
      unit: 'calendar-days',
      skipped: [
        { date: '2026-03-21', reason: expect.stringMatching(/Thứ Bảy/) },
        { date: '2026-03-22', reason: expect.stringMatching(/Chủ nhật/) },
      ],
    });
  });

  it('Decree 32/2024 appraisal 25 d: from Mon 02/3/2026 ends Fri 27/3, a working day, nothing skipped', async () => {
    const res = await get('from=2026-03-02&calendarDays=25').expect(200);
    expect(res.body).toMatchObject({ due: '2026-03-27', unit: 'calendar-days', skipped: [] });
  });

  it('Art. 148 across Tết: 3 calendar days from Fri 13/02/2026 end Mon 16/02, a Tết day, so the deadline is Mon 23/02', async () => {
    const res = await get('from=2026-02-13&calendarDays=3').expect(200);
    expect(res.body.due).toBe('2026-02-23');
    expect(dates(res.body.skipped)).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22']);
  });

  describe('bad input answers a 400 problem document naming each invalid field', () => {
    const cases: [string, string, string[]][] = [
      ['neither workingDays nor calendarDays', 'from=2026-03-06', ['query.workingDays']],
      ['both workingDays and calendarDays', 'from=2026-03-06&workingDays=1&calendarDays=1', ['query.workingDays']],
      ['a date that does not exist (30/02)', 'from=2026-02-30&workingDays=1', ['query.from']],
      ['a date in another format', 'from=06/03/2026&workingDays=1', ['query.from']],
      ['a missing from', 'workingDays=1', ['query.from']],
      ['a decimal period', 'from=2026-03-06&workingDays=1.5', ['query.workingDays']],
      ['a negative period', 'from=2026-03-06&calendarDays=-1', ['query.calendarDays']],
      ['an exponent', 'from=2026-03-06&workingDays=1e2', ['query.workingDays']],
      ['a period over 3650 days', 'from=2026-03-06&calendarDays=3651', ['query.calendarDays']],
      ['an empty period', 'from=2026-03-06&workingDays=', ['query.workingDays']],
      ['a repeated parameter', 'from=2026-03-06&from=2026-03-07&workingDays=1', ['query.from']],
      ['a bad date and a bad period together', 'from=2026-13-01&workingDays=abc', ['query.from', 'query.workingDays']],
    ];
    it.each(cases)('%s', async (_name, query, fields) => {
      const res = await get(query).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, title: expect.any(String), detail: expect.any(String) });
      const got = [...new Set((res.body.errors as { field: string }[]).map((e) => e.field))].sort();
      expect(got).toEqual(fields);
    });

    it('an unknown parameter (a typo) is refused too', async () => {
      const res = await get('from=2026-03-06&workingDay=1').expect(400);
      expect(res.body.errors.length).toBeGreaterThan(0);
    });
  });

  it('3650 days is the longest period accepted', async () => {
    const res = await get('from=2026-03-06&calendarDays=3650').expect(200);
    expect(res.body.amount).toBe(3650);
  });
});
