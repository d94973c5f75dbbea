/**
 * Screen 2, the inbox (hộp việc), in a real Chromium: the commune PC officer's open tasks of two
 * rounds, most urgent first, with the server's own deadline figures as badges, the server's count
 * per tab, stage and cluster filters applied by the server and kept in the address (a reload or a
 * shared link shows the same view, counts included), and a long inbox drawn a page at a time.
 */
import request from 'supertest';
import { addDays } from '../../../domain';
import { todayInVietnam } from '../../../infra/clock';
import { bearer, tokenFor } from '../../support/auth';
import { expectAccessible, screenshot, signedInPage, startWebStack, fileDossier, type WebStack } from '../../support/browser';
import { insertDossier, insertTask } from '../staff-api/fixtures';

interface InboxBody {
  items: { taskId: string; clusterName: string; dueOn: string | null; workingDaysLeft: number | null; overdue: boolean; roundCode: string | null }[];
  counts: Record<'all' | 'mine' | 'overdue' | 'nearDue', number>;
}

describe('inbox screen', () => {
  let web: WebStack;
  let inbox: InboxBody;

  async function officerInbox(): Promise<InboxBody> {
    const response = await request(web.stack.app).get('/api/tasks').set(bearer(await tokenFor(web.stack, 'reviewer.commune_pc'))).expect(200);
    return response.body as InboxBody;
  }

  beforeAll(async () => {
    web = await startWebStack('web-inbox');
    for (const [clusterCode, taxCode] of [
      ['DH-LOC-GIANG-2', '1101234001'],
      ['CD-TAN-CHANH-1', '1101234002'],
    ]) {
      await fileDossier(web, `inbox-${clusterCode}`, {
        clusterCode,
        projectTitle: `Hạ tầng ${clusterCode}`,
        applicant: { name: 'Công ty CP Thử nghiệm', taxCode, email: 'investor@example.vn' },
      });
    }
    // Each letter opened a round whose call the commune PC must announce; one of them is long overdue.
    for (let until = Date.now() + 30_000; (await officerInbox()).items.length < 2; ) {
      if (Date.now() > until) throw new Error('the call announcement tasks did not open');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const [first] = (await officerInbox()).items.filter((item) => item.clusterName === 'CCN Tân Chánh 1');
    await web.stack.prisma.task.update({ where: { id: first!.taskId }, data: { dueOn: new Date(Date.now() - 20 * 86_400_000) } });
    inbox = await officerInbox();
  });
  afterAll(() => web.close());

  it('lists the open tasks most urgent first with the server’s badges and counts per tab', async () => {
    const { page, context, foreign } = await signedInPage(web, 'reviewer.commune_pc');
    await page.goto(web.url('/'));
    await page.getByRole('heading', { name: 'Hộp việc' }).waitFor();
    const rows = page.getByRole('table').locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(inbox.items.length);

    // Most urgent first, as the server ordered them: the overdue call of Tân Chánh 1 leads.
    expect(inbox.items[0]!.overdue).toBe(true);
    const late = -inbox.items[0]!.workingDaysLeft!;
    // textContent: the badge is shown in capitals by CSS, its text is as written.
    expect(await rows.first().textContent()).toContain('CCN Tân Chánh 1');
    expect(await rows.first().textContent()).toContain(`quá hạn ${late} ngày`);
    expect(await rows.nth(1).textContent()).toContain(`còn ${inbox.items[1]!.workingDaysLeft} ngày làm việc`);

    for (const [tab, label] of [
      ['all', 'Tất cả'],
      ['mine', 'Giao cho tôi'],
      ['overdue', 'Quá hạn'],
      ['nearDue', 'Sắp đến hạn'],
    ] as const) {
      expect(await page.getByRole('tab', { name: new RegExp(label) }).innerText()).toContain(String(inbox.counts[tab]));
    }
    await expectAccessible(page, 'inbox');
    await screenshot(page, 'inbox');

    // The overdue tab, chosen with the keyboard (arrow keys move between tabs), is in the address.
    await page.getByRole('tab', { name: /Tất cả/ }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.waitForURL(/[?&]tab=overdue/);
    await page.getByRole('table', { name: 'Việc: Quá hạn' }).waitFor();
    expect(await rows.count()).toBe(inbox.counts.overdue);
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('filters by cluster and stage on the server, in the address, so a shared link shows the same view', async () => {
    const { page, context, foreign } = await signedInPage(web, 'reviewer.commune_pc');
    await page.goto(web.url('/'));
    await page.getByRole('table').locator('tbody tr').first().waitFor();
    // The filter is the server's: the request names it, and the counts are the filtered ones.
    const asked = page.waitForRequest((r) => r.url().includes('/api/tasks?') && new URL(r.url()).searchParams.get('cluster') === 'DH-LOC-GIANG-2');
    await page.getByRole('combobox', { name: 'Cụm công nghiệp' }).click();
    await page.getByRole('option', { name: 'CCN Lộc Giang 2' }).click();
    await asked;
    await page.waitForURL(/[?&]cum=DH-LOC-GIANG-2/);
    const filtered = page.url();
    const rows = page.getByRole('table').locator('tbody tr');
    await page.getByText('1 việc khớp bộ lọc').waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('CCN Lộc Giang 2');
    expect(await page.getByRole('tab', { name: /Tất cả/ }).innerText()).toContain('1');
    expect(await page.getByRole('tab', { name: /Quá hạn/ }).innerText()).toContain('0');
    await expectAccessible(page, 'inbox filtered');
    await screenshot(page, 'inbox-filtered');

    // The link opened by a colleague (own context) shows the same filtered view.
    const colleague = await signedInPage(web, 'reviewer.commune_pc');
    await colleague.page.goto(filtered);
    await colleague.page.getByText('1 việc khớp bộ lọc').waitFor();
    expect(await colleague.page.getByRole('combobox', { name: 'Cụm công nghiệp' }).inputValue()).toBe('CCN Lộc Giang 2');
    expect(await colleague.page.getByRole('table').locator('tbody tr').count()).toBe(1);

    // A stage (the round's: the call still to be announced) with the cluster, then a stage without tasks.
    await colleague.page.goto(web.url('/?giai-doan=CALL_PENDING'));
    await colleague.page.getByText('2 việc khớp bộ lọc').waitFor();
    expect(await colleague.page.getByRole('combobox', { name: 'Bước' }).inputValue()).toBe('Chờ thông báo mời nộp hồ sơ');
    await colleague.page.goto(web.url('/?giai-doan=SCORING&cum=DH-LOC-GIANG-2'));
    await colleague.page.getByText('Không có việc nào khớp bộ lọc.').waitFor();
    expect(await colleague.page.getByRole('tab', { name: /Tất cả/ }).innerText()).toContain('0');
    await colleague.page.getByRole('button', { name: 'Bỏ lọc' }).click();
    await colleague.page.getByText(`${inbox.counts.all} việc`, { exact: false }).waitFor();
    expect(new URL(colleague.page.url()).search).toBe('');
    expect([...foreign, ...colleague.foreign]).toEqual([]);
    await colleague.context.close();
    await context.close();
  });

  it('draws a long inbox a page at a time, most urgent first; "Tải thêm việc" by keyboard goes on to the next task', async () => {
    // 57 open appraiser tasks (the page draws 50): due dates spread over both sides of today.
    const dossier = await insertDossier(web.stack.prisma, { stage: 'SCREENING' });
    for (let i = 0; i < 57; i += 1) {
      await insertTask(web.stack.prisma, { dossierId: dossier.id, role: 'APPRAISER', kind: 'ELIGIBILITY_SCREENING', dueOn: addDays(todayInVietnam(), ((i * 17) % 57) - 20) });
    }
    const api = (await request(web.stack.app).get('/api/tasks?limit=200').set(bearer(await tokenFor(web.stack, 'appraiser'))).expect(200)).body as InboxBody;
    expect(api.items).toHaveLength(57);

    const { page, context, foreign } = await signedInPage(web, 'appraiser');
    await page.goto(web.url('/'));
    const rows = page.getByRole('table').locator('tbody tr');
    await page.getByText('57 việc · đang hiện 50').waitFor();
    expect(await rows.count()).toBe(50);
    const firstDates = await rows.locator('td:first-child p').allTextContents();
    expect(firstDates).toEqual(api.items.slice(0, 50).map((item) => (item.dueOn ?? '').split('-').reverse().join('/')));

    await page.getByRole('button', { name: 'Tải thêm việc' }).focus();
    await page.keyboard.press('Enter');
    await rows.nth(56).waitFor();
    expect(await rows.count()).toBe(57);
    expect(await page.getByRole('button', { name: 'Tải thêm việc' }).count()).toBe(0);
    expect(await page.getByText('đang hiện').count()).toBe(0);
    // The keyboard is on the first task of the new page, not lost with the button.
    expect(await page.evaluate("document.activeElement?.closest('tr')?.rowIndex")).toBe(51);
    expect(await rows.locator('td:first-child p').allTextContents()).toEqual(api.items.map((item) => (item.dueOn ?? '').split('-').reverse().join('/')));
    await expectAccessible(page, 'inbox, two pages');
    expect(foreign).toEqual([]);
    await context.close();
  });
});
