/**
 * Screens 5 and 6 in a real Chromium at 1366×768: the manager's dashboard (each chart with its
 * table, figures as the API gives them), accounts and roles (create with the keyboard, the server's
 * refusal on the field, Esc closes the dialog, lock an account), the working-day calendar (holidays,
 * compensatory days, an override made with a reason and then removed), and the forbidden page every
 * role meets on a page it may not open; axe-core on each, nothing leaving 127.0.0.1.
 */
import type { Locator, Page } from 'playwright-core';
import request from 'supertest';
import { addDays } from '../../../domain';
import { todayInVietnam } from '../../../infra/clock';
import { bearer, tokenFor } from '../../support/auth';
import { expectAccessible, screenshot, signedInPage, startWebStack, type WebStack } from '../../support/browser';
import { insertDossier, insertTask } from '../staff-api/fixtures';

const FORBIDDEN = 'Không có quyền truy cập';
const MANAGEMENT_PAGES = ['/tong-quan', '/quan-tri/nguoi-dung', '/quan-tri/lich'] as const;

/** The page fits the old PC's 1366 px window: no sideways scrolling. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1366);
}

/**
 * Asks `read` again until it gives `expected` (the screen updates after the address changes); fails
 * with the last value after 10 s. (waitForFunction cannot be used: the page's CSP forbids eval.)
 */
async function until<T>(read: () => Promise<T>, expected: T): Promise<void> {
  const deadline = Date.now() + 10_000;
  let last = await read();
  while (last !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  expect(last).toBe(expected);
}

/**
 * Waits for a dialog to close after saving; a refusal shown in it instead fails with its text. The
 * wait is long: a calendar change signals every open dossier before it answers, and this machine is shared.
 */
async function closedAfterSaving(dialog: Locator): Promise<void> {
  const refusal = dialog.getByRole('alert');
  await Promise.race([
    dialog.waitFor({ state: 'hidden', timeout: 60_000 }),
    refusal.waitFor({ timeout: 60_000 }).then(async () => {
      throw new Error(`the dialog refused: ${await refusal.innerText()}`);
    }),
  ]);
}

/** The rows of the table inside the section headed `title`, as [label, figure] text. */
async function tableRows(page: Page, title: string): Promise<string[][]> {
  const section = page.getByRole('region', { name: title });
  return section.locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => Array.from(row.querySelectorAll('th, td'), (cell: { textContent: string | null }) => (cell.textContent ?? '').trim())),
  );
}

describe('management screens', () => {
  let web: WebStack;
  beforeAll(async () => {
    web = await startWebStack('web-management', { worker: false });
    const { prisma } = web.stack;
    const today = todayInVietnam();
    for (let i = 1; i <= 3; i += 1) await insertDossier(prisma, { stage: 'COMPLETENESS_CHECK', filedOn: `2026-09-0${i}` });
    const opinions = await insertDossier(prisma, { clusterCode: 'VH-BINH-CHAU', stage: 'DEPARTMENT_OPINIONS', filedOn: '2026-08-10' });
    const onHold = await insertDossier(prisma, { clusterCode: 'VH-BINH-CHAU', stage: 'SUPPLEMENT_REQUESTED', status: 'ON_HOLD', filedOn: '2026-08-11' });
    await insertDossier(prisma, { clusterCode: 'TH-TAN-HUNG', stage: 'CLOSED', status: 'APPROVED', filedOn: '2026-07-01' });
    await insertTask(prisma, { dossierId: opinions.id, departmentCode: 'DOC', dueOn: addDays(today, -3) });
    await insertTask(prisma, { dossierId: onHold.id, departmentCode: 'DOC', dueOn: today });
  });
  afterAll(() => web.close());

  it('shows the manager the dashboard: every chart has its table, with the API’s figures', async () => {
    const { page, context, foreign } = await signedInPage(web, 'manager');
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(web.url('/'));
    await page.getByRole('navigation', { name: 'Danh mục chính' }).getByRole('link', { name: 'Tổng quan' }).click();
    await page.getByRole('heading', { name: 'Tổng quan', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Hồ sơ theo giai đoạn' }).locator('.recharts-surface').waitFor();

    const api = (await request(web.stack.app).get('/api/dashboard').set(bearer(await tokenFor(web.stack, 'manager'))).expect(200)).body as {
      total: number;
      byStage: Record<string, number>;
      byStatus: Record<string, number>;
      overdue: number;
      nearDue: number;
      monitoring: Record<string, number>;
    };
    expect(api.byStage.COMPLETENESS_CHECK).toBe(3);
    expect(api.overdue).toBe(1);
    const stages = await tableRows(page, 'Hồ sơ theo giai đoạn');
    expect(stages).toHaveLength(Object.keys(api.byStage).length);
    expect(stages).toContainEqual(['Kiểm tra tính đầy đủ', String(api.byStage.COMPLETENESS_CHECK)]);
    expect(stages).toContainEqual(['Lấy ý kiến các sở, ngành', String(api.byStage.DEPARTMENT_OPINIONS)]);
    expect(stages.reduce((total, [, figure]) => total + Number(figure), 0)).toBe(api.total);
    const statuses = await tableRows(page, 'Hồ sơ theo trạng thái');
    expect(statuses).toContainEqual(['Tạm dừng (chờ bổ sung)', String(api.byStatus.ON_HOLD)]);
    expect(statuses).toContainEqual(['Được chấp thuận', String(api.byStatus.APPROVED)]);
    expect(await tableRows(page, 'Quá hạn và sắp đến hạn')).toEqual([
      ['Quá hạn', String(api.overdue)],
      ['Sắp đến hạn', String(api.nearDue)],
    ]);
    const clusters = await tableRows(page, 'Cụm công nghiệp sau quyết định');
    expect(clusters).toHaveLength(Object.keys(api.monitoring).length);
    expect(clusters).toContainEqual(['Cụm đang theo dõi', String(api.monitoring.monitored)]);
    expect(clusters).toContainEqual(['Vi phạm chưa khắc phục', String(api.monitoring.openViolations)]);
    await page.getByRole('region', { name: 'Thời gian xử lý theo giai đoạn' }).waitFor();
    // The charts are drawn for the eye and kept out of the keyboard's way: the tables carry the figures.
    const charts = await page.locator('.recharts-wrapper').evaluateAll((nodes) => nodes.map((node) => node.closest('[inert][aria-hidden="true"]') !== null));
    // Four charts here: the stage durations have no finished stay yet in this database, and say so.
    expect(charts).toEqual([true, true, true, true]);
    await page.getByRole('region', { name: 'Thời gian xử lý theo giai đoạn' }).getByText('Chưa có hồ sơ nào rời một giai đoạn trong kỳ này').first().waitFor();

    await expectAccessible(page, 'dashboard');
    await expectNoSidewaysScroll(page);
    await screenshot(page, 'dashboard');
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('lets an administrator create an account with the keyboard, shows the server’s refusal, and locks it', async () => {
    const { page, context, foreign } = await signedInPage(web, 'admin');
    await page.goto(web.url('/quan-tri/nguoi-dung'));
    await page.getByRole('heading', { name: 'Người dùng', level: 1 }).waitFor();
    await page.getByRole('cell', { name: 'reviewer.doc', exact: true }).waitFor();
    await expectAccessible(page, 'users');
    await expectNoSidewaysScroll(page);
    await screenshot(page, 'users');

    // The search is kept in the address.
    await page.getByLabel('Tìm tài khoản').fill('hội đồng');
    await page.waitForURL(/tim=h%E1%BB%99i/);
    await until(() => page.locator('tbody tr').count(), 5);
    expect(await page.locator('tbody tr').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('Chủ tịch hội đồng (demo)')]));
    await page.getByLabel('Tìm tài khoản').fill('');

    // Esc closes the dialog without saving.
    await page.getByRole('button', { name: 'Thêm tài khoản' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thêm tài khoản' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'Thêm tài khoản' }).focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    // The first field has the focus, with a visible ring; the form is filled and sent with the keyboard.
    expect(await page.evaluate('document.activeElement?.getAttribute("name")')).toBe('username');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).not.toBe('none');
    await page.keyboard.type('reviewer.moi');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Nguyễn Thị Góp Ý');
    await page.keyboard.press('Tab');
    await page.keyboard.type('gopy.moi@example.vn');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space'); // Cán bộ góp ý
    await dialog.getByLabel('Mật khẩu').fill('mat-khau-dai-10');
    await expectAccessible(page, 'user dialog');
    await screenshot(page, 'user-dialog');
    await dialog.getByLabel('Mật khẩu').press('Enter');

    // A reviewer without a department: the server refuses, and the person reads why.
    const refusal = dialog.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.innerText()).toMatch(/sở|ngành/i);
    await screenshot(page, 'user-dialog-refused');
    await dialog.getByLabel('Mã sở, ngành').fill('DOC');
    await dialog.getByRole('button', { name: 'Tạo tài khoản' }).click();
    // (The first refusal is still on screen until this answer comes, so only the closing is awaited.)
    await dialog.waitFor({ state: 'hidden', timeout: 60_000 });
    const row = page.locator('tbody tr', { has: page.getByRole('cell', { name: 'reviewer.moi', exact: true }) });
    await row.getByText('Đang hoạt động').waitFor();
    expect(await row.innerText()).toContain('Cán bộ góp ý');

    await row.getByRole('button', { name: 'Sửa tài khoản reviewer.moi' }).click();
    const edit = page.getByRole('dialog', { name: 'Sửa tài khoản reviewer.moi' });
    await edit.getByLabel('Đang hoạt động (tắt để khoá tài khoản)').uncheck();
    await edit.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await closedAfterSaving(edit);
    await row.getByText('Đã khoá').waitFor();
    const locked = await web.stack.prisma.user.findUniqueOrThrow({ where: { username: 'reviewer.moi' }, include: { department: true } });
    expect(locked).toMatchObject({ active: false, fullName: 'Nguyễn Thị Góp Ý', department: { code: 'DOC' } });
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('shows the working-day calendar as a month grid and changes a day with a reason', async () => {
    const { page, context, foreign } = await signedInPage(web, 'admin');
    await page.goto(web.url('/quan-tri/lich?thang=2026-04'));
    await page.getByRole('heading', { name: 'Tháng 4/2026' }).waitFor();
    const day = (date: string) => page.locator(`button[data-date="${date}"]`);
    await page.locator('button[data-date="2026-04-30"]:not([disabled])').waitFor();
    // Each day's button names the day, what it is and why (the reason of the calendar entry).
    expect(await day('2026-04-30').textContent()).toBe('30 Nghỉ lễ, Tết, thứ năm, 30/04/2026, Ngày Giải phóng miền Nam, thống nhất đất nước (Reunification Day)');
    expect(await day('2026-04-27').textContent()).toMatch(/^27 Nghỉ bù, thứ hai, 27\/04\/2026, Nghỉ bù Giỗ Tổ Hùng Vương/);
    expect(await day('2026-04-25').textContent()).toBe('25, thứ bảy, 25/04/2026: Nghỉ cuối tuần');
    expect(await day('2026-04-29').textContent()).toBe('29, thứ tư, 29/04/2026: Ngày làm việc');
    await expectAccessible(page, 'calendar');
    await expectNoSidewaysScroll(page);

    // The month moves with the buttons and the address follows.
    await page.getByRole('button', { name: 'Tháng sau ›' }).click();
    await page.waitForURL(/thang=2026-05/);
    await page.getByRole('heading', { name: 'Tháng 5/2026' }).waitFor();
    await page.getByRole('button', { name: '‹ Tháng trước' }).click();
    await page.getByRole('heading', { name: 'Tháng 4/2026' }).waitFor();

    // A working Wednesday becomes a day off, with a reason; the keyboard opens and sends the dialog.
    await page.locator('button[data-date="2026-04-29"]:not([disabled])').focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /Điều chỉnh ngày thứ tư, 29\/04\/2026/ });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Lưu điều chỉnh' }).click();
    await dialog.getByText('Cần lý do điều chỉnh').waitFor();
    expect(await dialog.getByRole('radio', { name: 'Ngày nghỉ' }).isChecked()).toBe(true);
    await dialog.getByLabel('Lý do').fill('Quyết định 123/QĐ-UBND: nghỉ thêm trước 30/4');
    await screenshot(page, 'calendar-dialog');
    await dialog.getByRole('button', { name: 'Lưu điều chỉnh' }).click();
    await closedAfterSaving(dialog);
    await day('2026-04-29').getByText('Quản trị viên điều chỉnh').waitFor();
    expect(await day('2026-04-29').textContent()).toBe('29 Quản trị viên điều chỉnh Nghỉ, thứ tư, 29/04/2026, Quyết định 123/QĐ-UBND: nghỉ thêm trước 30/4');
    await page.getByRole('cell', { name: 'Quyết định 123/QĐ-UBND: nghỉ thêm trước 30/4', exact: true }).waitFor();
    const token = await tokenFor(web.stack, 'admin');
    const listed = await request(web.stack.app).get('/api/calendar/days?from=2026-04-29&to=2026-04-29').set(bearer(token)).expect(200);
    expect(listed.body.days).toEqual([expect.objectContaining({ date: '2026-04-29', working: false, source: 'admin', reason: 'Quyết định 123/QĐ-UBND: nghỉ thêm trước 30/4' })]);
    await expectAccessible(page, 'calendar with an override');
    await screenshot(page, 'calendar');

    // Esc closes the dialog; "restore" returns the day to the seeded calendar.
    await day('2026-04-29').click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await day('2026-04-29').click();
    await dialog.getByRole('button', { name: 'Khôi phục theo lịch gốc' }).click();
    await closedAfterSaving(dialog);
    await until(() => day('2026-04-29').textContent(), '29, thứ tư, 29/04/2026: Ngày làm việc');
    const after = await request(web.stack.app).get('/api/calendar/days?from=2026-04-29&to=2026-04-29').set(bearer(token)).expect(200);
    expect(after.body.days).toEqual([]);
    expect(foreign).toEqual([]);
    await context.close();
  });

  it.each([
    ['intake', 'Cán bộ tiếp nhận', MANAGEMENT_PAGES],
    ['reviewer.doc', 'Cán bộ góp ý', [...MANAGEMENT_PAGES, '/ho-so']],
    ['appraiser', 'Cán bộ thẩm định', MANAGEMENT_PAGES],
    ['chair', 'Thành viên hội đồng', [...MANAGEMENT_PAGES, '/ho-so']],
    ['manager', 'Lãnh đạo', ['/quan-tri/nguoi-dung', '/quan-tri/lich']],
  ])('shows %s (%s) a clear forbidden page on each page the role may not open', async (username, _role, paths) => {
    const { page, context, foreign } = await signedInPage(web, username);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    for (const path of paths) {
      await page.goto(web.url(path));
      await page.getByRole('heading', { name: FORBIDDEN }).waitFor();
      expect(await page.getByRole('main').innerText()).toMatch(/Trang này không dành cho vai trò của bạn\s+Chỉ .+ mở được trang này/);
      // The menu does not offer the page either.
      expect(await page.getByRole('navigation', { name: 'Danh mục chính' }).locator(`a[href="${path}"]`).count()).toBe(0);
    }
    await expectAccessible(page, `forbidden for ${username}`);
    await screenshot(page, `forbidden-${username}`);
    await page.getByRole('link', { name: 'Về hộp việc' }).click();
    await page.getByRole('heading', { name: 'Hộp việc', level: 1 }).waitFor();
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('opens every management page to an administrator', async () => {
    const { page, context } = await signedInPage(web, 'admin');
    for (const [path, heading] of [['/tong-quan', 'Tổng quan'], ['/quan-tri/nguoi-dung', 'Người dùng'], ['/quan-tri/lich', 'Lịch làm việc']] as const) {
      await page.goto(web.url(path));
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      expect(await page.getByRole('heading', { name: FORBIDDEN }).count()).toBe(0);
    }
    await context.close();
  });
});
