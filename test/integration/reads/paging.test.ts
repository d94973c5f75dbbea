/**
 * Keyset paging of the inbox and the dossier list: following nextCursor page by page gives exactly
 * the one long page, in order, with nothing repeated or missed (tasks with equal due dates, and
 * tasks without one, included); the inbox's tab counts are the same on every page; a cursor that is
 * not one of ours is a 400 naming it.
 */
import request from 'supertest';
import { addDays } from '../../../domain';
import { todayInVietnam } from '../../../infra/clock';
import { bearer, tokenFor } from '../../support/auth';
import { createTestStack, type TestStack } from '../../support/stack';
import { insertDossier, insertTask } from '../staff-api/fixtures';

interface InboxBody {
  items: { taskId: string; dueOn: string | null; overdue: boolean; nearDue: boolean; assignedToMe: boolean }[];
  nextCursor: string | null;
  tab: string;
  counts: { all: number; mine: number; overdue: number; nearDue: number };
  countsComplete: boolean;
}

describe('keyset paging', () => {
  let stack: TestStack;
  let today: string;
  let appraiser: { Authorization: string };
  beforeAll(async () => {
    stack = await createTestStack('paging');
    today = todayInVietnam();
    appraiser = bearer(await tokenFor(stack, 'appraiser'));
    const dossier = await insertDossier(stack.prisma, { stage: 'SCREENING' });
    // 11 appraiser tasks: equal due dates, overdue ones, none without a due date, 2 assigned by name.
    const dues = [addDays(today, 5), addDays(today, -4), null, addDays(today, 5), addDays(today, 30), addDays(today, -1), null, addDays(today, 5), addDays(today, 1), addDays(today, 60), addDays(today, -4)];
    for (const [i, dueOn] of dues.entries()) {
      await insertTask(stack.prisma, { dossierId: dossier.id, role: 'APPRAISER', kind: 'ELIGIBILITY_SCREENING', dueOn, assignee: i % 5 === 0 ? 'appraiser' : null });
    }
    for (let i = 1; i <= 9; i += 1) await insertDossier(stack.prisma, { filedOn: `2026-09-0${(i % 3) + 1}` });
  });
  afterAll(() => stack.close());

  const inbox = async (query: string) => (await request(stack.app).get(`/api/tasks${query}`).set(appraiser).expect(200)).body as InboxBody;

  async function walk(first: string, next: (cursor: string) => string, get: (query: string) => Promise<{ items: unknown[]; nextCursor: string | null }>) {
    const pages: unknown[][] = [];
    let page = await get(first);
    pages.push(page.items);
    while (page.nextCursor) {
      page = await get(next(page.nextCursor));
      pages.push(page.items);
      if (pages.length > 50) throw new Error('paging does not end');
    }
    return pages;
  }

  it('the inbox, 3 tasks a page, is the whole inbox in order, with the same counts on every page', async () => {
    const whole = await inbox('?limit=200');
    expect(whole.items).toHaveLength(11);
    expect(whole.nextCursor).toBeNull();
    expect(whole.counts).toEqual({ all: 11, mine: 3, overdue: 3, nearDue: 1 });
    expect(whole.countsComplete).toBe(true);
    const counts: InboxBody['counts'][] = [];
    const pages = await walk('?limit=3', (cursor) => `?limit=3&cursor=${cursor}`, async (query) => {
      const body = await inbox(query);
      counts.push(body.counts);
      return body;
    });
    expect(pages.map((page) => page.length)).toEqual([3, 3, 3, 2]);
    expect(pages.flat()).toEqual(whole.items);
    expect(new Set(counts.map((c) => JSON.stringify(c))).size).toBe(1);
    // Due dates ascending, tasks without one last.
    const dues = whole.items.map((item) => item.dueOn);
    expect(dues.slice(-2)).toEqual([null, null]);
    expect(dues.slice(0, -2)).toEqual([...dues.slice(0, -2)].sort());
  });

  it.each([
    ['overdue', (item: InboxBody['items'][number]) => item.overdue, 3],
    ['nearDue', (item: InboxBody['items'][number]) => item.nearDue, 1],
    ['mine', (item: InboxBody['items'][number]) => item.assignedToMe, 3],
  ] as const)('the %s tab pages through exactly its tasks', async (tab, belongs, size) => {
    const whole = await inbox('?limit=200');
    const pages = await walk(`?tab=${tab}&limit=2`, (cursor) => `?tab=${tab}&limit=2&cursor=${cursor}`, inbox);
    expect(pages.flat()).toEqual(whole.items.filter(belongs));
    expect(pages.flat()).toHaveLength(size);
  });

  it('the dossier list by cursor is the list in order, and its total is exact when small', async () => {
    const manager = bearer(await tokenFor(stack, 'manager'));
    const list = async (query: string) => (await request(stack.app).get(`/api/dossiers${query}`).set(manager).expect(200)).body as { items: { code: string }[]; nextCursor: string | null; total: number; totalExact: boolean };
    const whole = await list('?pageSize=100');
    expect(whole).toMatchObject({ total: 10, totalExact: true, nextCursor: null });
    const pages = await walk('?pageSize=4', (cursor) => `?pageSize=4&cursor=${cursor}`, list);
    expect(pages.map((page) => page.length)).toEqual([4, 4, 2]);
    expect(pages.flat()).toEqual(whole.items);
  });

  it.each([
    ['/api/tasks?cursor=bm90LWEtY3Vyc29y', 'query.cursor'],
    ['/api/tasks?cursor=WzEsMiwzXQ', 'query.cursor'],
    ['/api/tasks?limit=201', 'query.limit'],
    ['/api/tasks?tab=late', 'query.tab'],
    ['/api/dossiers?cursor=%5B%5D', 'query.cursor'],
    ['/api/dossiers?page=502&pageSize=20', 'query.page'],
    ['/api/dossiers?page=2&cursor=WyIyMDI2LTA5LTAxIiwiQ0NOLUFBQUFBLUFBQUFBIl0', 'query.page'],
  ])('%s is a 400 naming %s', async (path, field) => {
    const response = await request(stack.app).get(path).set(appraiser).expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});
