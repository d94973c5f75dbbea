/**
 * The one-stop desk's screens in a real Chromium: an intake officer files a letter through the
 * new-letter form with the keyboard only, sees the server's refusal at its field, files once however
 * often the button is pressed, is told when the cluster already has its investor, and finds the
 * dossiers in the list, filtered by an address that can be bookmarked.
 */
import type { Page } from 'playwright-core';
import { expectAccessible, screenshot, signedInPage, startWebStack, type TestPage, type WebStack } from '../../support/browser';

describe('new letter and dossier list screens', () => {
  let web: WebStack;
  let intake: TestPage;

  beforeAll(async () => {
    web = await startWebStack('web-intake');
    intake = await signedInPage(web, 'intake');
  }, 300_000);
  afterAll(async () => {
    await intake.context.close();
    await web.close();
  });

  const letterForm = (page: Page) => page.getByRole('region', { name: 'Văn bản đề nghị' });

  /** Fills the form as a person at the desk would, field after field with the Tab key. */
  async function fillLetter(page: Page, cluster: string, values: { title: string; name: string; taxCode: string; email: string }) {
    const form = letterForm(page);
    await form.getByLabel('Cụm công nghiệp').click();
    await page.keyboard.type(cluster);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await form.getByLabel('Tên dự án').focus();
    await page.keyboard.type(values.title);
    await page.keyboard.press('Tab');
    await page.keyboard.type(values.name);
    await page.keyboard.press('Tab');
    await page.keyboard.type(values.taxCode);
    await page.keyboard.press('Tab');
    await page.keyboard.type(values.email);
  }

  it('files a letter from the keyboard, once however often it is sent, with the refusal of a wrong tax code at its field', async () => {
    const { page } = intake;
    await page.goto(web.url('/'));
    await page.getByRole('link', { name: 'Tiếp nhận hồ sơ' }).click();
    await letterForm(page).waitFor();
    // Sent empty: the form names what is missing before anything reaches the server.
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await letterForm(page).getByText('Cần chọn cụm công nghiệp').waitFor();

    await fillLetter(page, 'Tân Chánh 2', { title: 'Đầu tư hạ tầng CCN Tân Chánh 2', name: 'Công ty CP Tân Chánh', taxCode: '12345', email: 'tanchanh@example.vn' });
    await page.keyboard.press('Enter');
    // The API's own rule on the tax code, shown at the field.
    await letterForm(page).getByText(/Mã số thuế gồm 10 chữ số/).waitFor({ timeout: 30_000 });
    await expectAccessible(page, 'new-letter-refused');
    await screenshot(page, 'new-letter-refused');

    await letterForm(page).getByLabel('Mã số thuế').fill('1100000555');
    // Pressed three times within one tick, before the page can disable the button: one letter, one dossier.
    await page.evaluate(`(() => {
      const button = document.querySelector('section[aria-label="Văn bản đề nghị"] button[type="submit"]');
      for (let i = 0; i < 3; i++) button.click();
    })()`);
    const result = page.getByRole('region', { name: 'Kết quả tiếp nhận' });
    await result.getByText('Đã tiếp nhận hồ sơ').waitFor({ timeout: 60_000 });
    const code = await result.getByTestId('filed-code').innerText();
    expect(code).toMatch(/^CCN-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(await web.stack.prisma.dossier.count({ where: { applicant: { taxCode: '1100000555' } } })).toBe(1);
    expect(await result.getByRole('link', { name: 'In phiếu tiếp nhận' }).getAttribute('href')).toBe(`/in/phieu-tiep-nhan/${code}`);
    await expectAccessible(page, 'new-letter-filed');
    await screenshot(page, 'new-letter-filed');

    await result.getByRole('link', { name: 'Mở hồ sơ' }).click();
    await page.getByRole('heading', { name: new RegExp(code) }).waitFor({ timeout: 30_000 });
  });

  it('tells the desk that a cluster with its investor takes no letter, and why', async () => {
    // The latest round of Phước Tuy 1 decided (a read-model row: the admission reads the latest round).
    const cluster = await web.stack.prisma.cluster.findUniqueOrThrow({ where: { code: 'CD-PHUOC-TUY-1' } });
    await web.stack.prisma.selectionRound.create({
      data: { code: 'CD-PHUOC-TUY-1-R1', number: 1, clusterId: cluster.id, ruleSetId: 'decree-303-2026', openedOn: new Date('2026-06-01T00:00:00Z'), status: 'DECIDED', closedOn: new Date('2026-09-15T00:00:00Z') },
    });
    const { page } = intake;
    await page.goto(web.url('/ho-so/moi'));
    await letterForm(page).waitFor();
    await fillLetter(page, 'Phước Tuy 1', { title: 'Đầu tư hạ tầng CCN Phước Tuy 1', name: 'Công ty Phước Tuy', taxCode: '1100000556', email: 'phuoctuy@example.vn' });
    await page.keyboard.press('Enter');
    const result = page.getByRole('region', { name: 'Kết quả tiếp nhận' });
    await result.getByText('Văn bản không được tiếp nhận vào đợt').waitFor({ timeout: 60_000 });
    expect(await result.innerText()).toMatch(/đã có chủ đầu tư hạ tầng được UBND tỉnh chấp thuận ngày 15\/09\/2026/);
    await screenshot(page, 'new-letter-refused-investor');
    // Ready for the next letter: an empty form.
    await result.getByRole('button', { name: 'Tiếp nhận văn bản khác' }).click();
    expect(await letterForm(page).getByLabel('Tên dự án').inputValue()).toBe('');
  });

  it('lists the dossiers with filters kept in the address, and opens one by its code', async () => {
    const { page } = intake;
    await page.goto(web.url('/ho-so'));
    const table = page.getByRole('table', { name: 'Danh sách hồ sơ' });
    await table.waitFor({ timeout: 30_000 });
    await page.getByRole('combobox', { name: 'Trạng thái', exact: true }).click();
    await page.getByRole('option', { name: 'Bị từ chối' }).click();
    await page.waitForURL(/trang-thai=REFUSED/);
    await page.getByText('1 hồ sơ khớp bộ lọc').waitFor();
    await table.getByText('Công ty Phước Tuy').waitFor();
    expect(await table.getByText('Công ty CP Tân Chánh').count()).toBe(0);
    await expectAccessible(page, 'dossier-list');
    await screenshot(page, 'dossier-list');

    // The address is the view: a colleague opening it sees the same list.
    const shared = await signedInPage(web, 'appraiser');
    try {
      await shared.page.goto(page.url());
      await shared.page.getByText('1 hồ sơ khớp bộ lọc').waitFor({ timeout: 30_000 });
      await shared.page.getByRole('table', { name: 'Danh sách hồ sơ' }).getByText('Công ty Phước Tuy').waitFor();
      expect(await shared.page.getByRole('table', { name: 'Danh sách hồ sơ' }).getByText('Công ty CP Tân Chánh').count()).toBe(0);
      // Not an intake officer: no new letter.
      expect(await shared.page.getByRole('link', { name: 'Tiếp nhận hồ sơ mới' }).count()).toBe(0);
    } finally {
      await shared.context.close();
    }

    const code = (await web.stack.prisma.dossier.findFirstOrThrow({ where: { applicant: { taxCode: '1100000555' } } })).code;
    await page.getByLabel('Mở hồ sơ theo mã').fill('ccn-sai');
    await page.getByRole('button', { name: 'Mở', exact: true }).click();
    await page.getByText('Mã hồ sơ có dạng CCN-XXXXX-XXXXX').waitFor();
    await page.getByLabel('Mở hồ sơ theo mã').fill(code.toLowerCase());
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/ho-so/${code}$`));
  });
});
