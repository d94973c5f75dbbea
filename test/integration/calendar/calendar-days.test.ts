/**
 * Administrator overrides of the working-day calendar (DOMAIN.md §4: the calendar is data, seeded,
 * then corrected by an administrator): PUT/DELETE /api/calendar/days/{date}, their audit records,
 * their effect on deadlines, and the GET /api/calendar/days listing for screens.
 */
import request from 'supertest';
import { bearer, tokenFor } from '../../support/auth';
import { createTestStack, type TestStack } from '../../support/stack';

describe('/api/calendar/days', () => {
  let stack: TestStack;
  let admin: { Authorization: string };
  let intake: { Authorization: string };

  beforeAll(async () => {
    stack = await createTestStack('cal_days');
    admin = bearer(await tokenFor(stack, 'admin'));
    intake = bearer(await tokenFor(stack, 'intake'));
  });
  afterAll(() => stack.close());

  const deadline = (query: string) => request(stack.app).get(`/api/calendar/deadline?${query}`).expect(200);
  const auditOf = (date: string) =>
    stack.prisma.auditEvent.findMany({ where: { entityType: 'CalendarDay', entityId: date }, orderBy: { id: 'asc' } });

  it('Civil Code Art. 147–148: closing Monday 09/3/2026 moves 1 WD from Fri 06/3 to Tue 10/3; DELETE moves it back; both audited', async () => {
    expect((await deadline('from=2026-03-06&workingDays=1')).body.due).toBe('2026-03-09');

    const reason = 'Nghỉ đột xuất theo Quyết định 123/QĐ-UBND (thử nghiệm)';
    const put = await request(stack.app).put('/api/calendar/days/2026-03-09').set(admin).send({ working: false, reason }).expect(200);
    expect(put.body).toMatchObject({
      date: '2026-03-09',
      working: false,
      reason,
      source: 'admin',
      seeded: { working: true, source: 'default' },
      updatedBy: 'admin',
    });

    const moved = await deadline('from=2026-03-06&workingDays=1');
    expect(moved.body.due).toBe('2026-03-10');
    expect(moved.body.skipped).toContainEqual({ date: '2026-03-09', reason });

    const row = await stack.prisma.calendarEntry.findUniqueOrThrow({ where: { date: new Date('2026-03-09T00:00:00Z') }, include: { updatedBy: true } });
    expect(row).toMatchObject({ working: false, reason, source: 'ADMIN' });
    expect(row.updatedBy?.username).toBe('admin');

    const [set] = await auditOf('2026-03-09');
    expect(set).toMatchObject({
      actor: 'admin',
      action: 'calendar.day.set',
      oldValue: { working: true, source: 'default' },
      newValue: { working: false, reason, source: 'admin' },
    });

    const del = await request(stack.app).delete('/api/calendar/days/2026-03-09').set(admin).expect(200);
    expect(del.body).toMatchObject({ date: '2026-03-09', working: true, source: 'default', updatedBy: null });
    expect((await deadline('from=2026-03-06&workingDays=1')).body.due).toBe('2026-03-09');
    expect(await stack.prisma.calendarEntry.count({ where: { date: new Date('2026-03-09T00:00:00Z') } })).toBe(0);

    const events = await auditOf('2026-03-09');
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({
      actor: 'admin',
      action: 'calendar.day.reset',
      oldValue: { working: false, reason, source: 'admin' },
      newValue: { working: true, source: 'default' },
    });
  });

  it('a make-up working Saturday (07/3/2026) makes 1 WD from Fri 06/3 due that Saturday', async () => {
    await request(stack.app)
      .put('/api/calendar/days/2026-03-07')
      .set(admin)
      .send({ working: true, reason: 'Làm bù theo Công văn 45/UBND (thử nghiệm)' })
      .expect(200);
    const res = await deadline('from=2026-03-06&workingDays=1');
    expect(res.body).toMatchObject({ due: '2026-03-07', skipped: [] });
    await request(stack.app).delete('/api/calendar/days/2026-03-07').set(admin).expect(200);
    expect((await deadline('from=2026-03-06&workingDays=1')).body.due).toBe('2026-03-09');
  });

  it('opening a seeded Tết day (Wed 18/02/2026) shortens a deadline, and DELETE restores the seeded holiday', async () => {
    // Seeded: Tết 16–20/02/2026 off, so 1 WD from Fri 13/02 is Mon 23/02 (Labour Code Art. 112).
    expect((await deadline('from=2026-02-13&workingDays=1')).body.due).toBe('2026-02-23');
    const put = await request(stack.app).put('/api/calendar/days/2026-02-18').set(admin).send({ working: true, reason: 'Thử nghiệm mở ngày' }).expect(200);
    expect(put.body).toMatchObject({ working: true, source: 'admin', seeded: { working: false, source: 'seed', reason: expect.stringMatching(/Tết Nguyên đán/) } });
    expect((await deadline('from=2026-02-13&workingDays=1')).body.due).toBe('2026-02-18');

    const del = await request(stack.app).delete('/api/calendar/days/2026-02-18').set(admin).expect(200);
    expect(del.body).toMatchObject({ working: false, source: 'seed', reason: expect.stringMatching(/Tết Nguyên đán/) });
    expect((await deadline('from=2026-02-13&workingDays=1')).body.due).toBe('2026-02-23');
    const events = await auditOf('2026-02-18');
    expect(events.map((e) => e.action)).toEqual(['calendar.day.set', 'calendar.day.reset']);
    expect(events[0]?.oldValue).toMatchObject({ working: false, source: 'seed' });
  });

  it('restating the same override changes nothing and adds no audit record', async () => {
    const body = { working: false, reason: 'Nghỉ theo Quyết định 9/QĐ-UBND (thử nghiệm)' };
    await request(stack.app).put('/api/calendar/days/2026-06-10').set(admin).send(body).expect(200);
    await request(stack.app).put('/api/calendar/days/2026-06-10').set(admin).send(body).expect(200);
    expect(await auditOf('2026-06-10')).toHaveLength(1);
    const changed = await request(stack.app).put('/api/calendar/days/2026-06-10').set(admin).send({ ...body, reason: 'Lý do mới' }).expect(200);
    expect(changed.body.reason).toBe('Lý do mới');
    const events = await auditOf('2026-06-10');
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ oldValue: { reason: body.reason, source: 'admin' }, newValue: { reason: 'Lý do mới', source: 'admin' } });
  });

  it('concurrent changes of one day are serialised: each audit record’s old value is the previous record’s new value', async () => {
    const reasons = Array.from({ length: 6 }, (_, i) => `Điều chỉnh đồng thời số ${i + 1} (thử nghiệm)`);
    await Promise.all(
      reasons.map((reason, i) =>
        request(stack.app).put('/api/calendar/days/2026-07-08').set(admin).send({ working: i % 2 === 1, reason }).expect(200),
      ),
    );
    const events = await auditOf('2026-07-08');
    expect(events).toHaveLength(reasons.length);
    expect(events[0]?.oldValue).toMatchObject({ working: true, source: 'default' });
    for (let i = 1; i < events.length; i += 1) expect(events[i]?.oldValue).toEqual(events[i - 1]?.newValue);
    const row = await stack.prisma.calendarEntry.findUniqueOrThrow({ where: { date: new Date('2026-07-08T00:00:00Z') } });
    expect({ working: row.working, reason: row.reason, source: 'admin' }).toEqual(events[events.length - 1]?.newValue);
  });

  it('a date outside the years the calendar covers is a 400 problem, not a crash', async () => {
    const res = await request(stack.app).get('/api/calendar/deadline?from=9999-12-31&calendarDays=1').expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['query.from']);
  });

  it('DELETE of a day without an override is a 404 problem and audits nothing', async () => {
    const res = await request(stack.app).delete('/api/calendar/days/2026-03-11').set(admin).expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await auditOf('2026-03-11')).toHaveLength(0);
  });

  it('only administrators change the calendar: 401 without a token, 403 for an intake officer', async () => {
    const body = { working: false, reason: 'x' };
    await request(stack.app).put('/api/calendar/days/2026-03-12').send(body).expect(401);
    const forbidden = await request(stack.app).put('/api/calendar/days/2026-03-12').set(intake).send(body).expect(403);
    expect(forbidden.body.requiredRoles).toEqual(['ADMIN']);
    await request(stack.app).delete('/api/calendar/days/2026-03-12').set(intake).expect(403);
    expect(await stack.prisma.calendarEntry.count()).toBeGreaterThanOrEqual(0);
    expect(await auditOf('2026-03-12')).toHaveLength(0);
  });

  it('lists the non-working weekdays and working weekends of a range with reasons and sources', async () => {
    await request(stack.app).put('/api/calendar/days/2026-01-17').set(admin).send({ working: true, reason: 'Làm bù (thử nghiệm)' }).expect(200);
    const res = await request(stack.app).get('/api/calendar/days?from=2026-01-01&to=2026-02-28').set(intake).expect(200);
    const days = res.body.days as { date: string; working: boolean; source: string; reason: string }[];
    // New Year 2026 (Thu 01/01) and the swapped Fri 02/01, worked back Sat 10/01 (VPCP dispatch 12729/VPCP-KGVX);
    // Tết Mon 16 – Fri 20/02 (MOHA 17/10/2025); the administrator's working Saturday 17/01.
    expect(days.map((d) => [d.date, d.working, d.source])).toEqual([
      ['2026-01-01', false, 'seed'],
      ['2026-01-02', false, 'seed'],
      ['2026-01-10', true, 'seed'],
      ['2026-01-17', true, 'admin'],
      ['2026-02-16', false, 'seed'],
      ['2026-02-17', false, 'seed'],
      ['2026-02-18', false, 'seed'],
      ['2026-02-19', false, 'seed'],
      ['2026-02-20', false, 'seed'],
    ]);
    expect(days[0]?.reason).toMatch(/Tết Dương lịch/);
    await request(stack.app).get('/api/calendar/days?from=2026-01-01&to=2026-02-28').expect(401);
  });

  describe('bad input answers a 400 problem document naming each invalid field', () => {
    it('PUT with an empty reason and no working flag', async () => {
      const res = await request(stack.app).put('/api/calendar/days/2026-03-13').set(admin).send({ reason: '   ' }).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((res.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['reason', 'working']);
    });

    it('PUT with a missing reason', async () => {
      const res = await request(stack.app).put('/api/calendar/days/2026-03-13').set(admin).send({ working: false }).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['reason']);
    });

    it('PUT and DELETE on a date that does not exist', async () => {
      const put = await request(stack.app).put('/api/calendar/days/2026-02-30').set(admin).send({ working: false, reason: 'x' }).expect(400);
      expect(put.body.errors.map((e: { field: string }) => e.field)).toEqual(['params.date']);
      const del = await request(stack.app).delete('/api/calendar/days/2026-2-3').set(admin).expect(400);
      expect(del.body.errors.map((e: { field: string }) => e.field)).toEqual(['params.date']);
    });

    it('PUT with a string for working and an unknown field', async () => {
      const res = await request(stack.app).put('/api/calendar/days/2026-03-13').set(admin).send({ working: 'no', reason: 'x', extra: 1 }).expect(400);
      expect(res.body.errors.length).toBe(2);
    });

    it('GET days with a reversed or invalid range', async () => {
      const reversed = await request(stack.app).get('/api/calendar/days?from=2026-03-01&to=2026-02-01').set(intake).expect(400);
      expect(reversed.body.errors.map((e: { field: string }) => e.field)).toEqual(['query.to']);
      const invalid = await request(stack.app).get('/api/calendar/days?from=2026-02-29&to=nope').set(intake).expect(400);
      expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['query.from', 'query.to']);
      const tooLong = await request(stack.app).get('/api/calendar/days?from=2000-01-01&to=2030-01-01').set(intake).expect(400);
      expect(tooLong.body.errors.map((e: { field: string }) => e.field)).toEqual(['query.to']);
    });
  });

  it('documents the calendar endpoints in the OpenAPI document', async () => {
    const res = await request(stack.app).get('/api/openapi.json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/calendar/deadline', '/api/calendar/days', '/api/calendar/days/{date}']),
    );
  });
});
