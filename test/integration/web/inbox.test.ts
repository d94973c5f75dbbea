/**
 * Screen 2, the inbox (hộp việc), in a real Chromium: the commune PC officer's open tasks of two
 * rounds, most urgent first, with the server's own deadline figures as badges, the server's count
 * per tab, and a cluster filter kept in the address (a reload or a shared link shows the same view).
 */
import request from 'supertest';
import { bearer, tokenFor } from '../../support/auth';
import { expectAccessible, screenshot, signedInPage, startWebStack, fileDossier, type WebStack } from '../../support/browser';

interface InboxBody {
  items: { taskId: string; clusterName: string; workingDaysLeft: number | null; overdue: boolean; roundCode: string | null }[];
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

  it('keeps the cluster filter in the address, so a shared link shows the same view', async () => {
    const { page, context, foreign } = await signedInPage(web, 'reviewer.commune_pc');
    await page.goto(web.url('/'));
    await page.getByRole('combobox', { name: 'Cụm công nghiệp' }).click();
    await page.getByRole('option', { name: 'CCN Lộc Giang 2' }).click();
    await page.waitForURL(/cum=CCN/);
    const filtered = page.url();
    const rows = page.getByRole('table').locator('tbody tr');
    await page.getByText('1 trong 2 việc đã tải').waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('CCN Lộc Giang 2');
    await expectAccessible(page, 'inbox filtered');

    // The link opened by a colleague (own context) shows the same filtered view.
    const colleague = await signedInPage(web, 'reviewer.commune_pc');
    await colleague.page.goto(filtered);
    await colleague.page.getByText('1 trong 2 việc đã tải').waitFor();
    expect(await colleague.page.getByRole('combobox', { name: 'Cụm công nghiệp' }).inputValue()).toBe('CCN Lộc Giang 2');
    expect([...foreign, ...colleague.foreign]).toEqual([]);
    await colleague.context.close();
    await context.close();
  });
});
