/**
 * Screen 7, the public lookup (/tra-cuu), on a 360 px phone without signing in: the code field,
 * the four public facts, a clear message for an unknown code, nothing personal on the page.
 */
import { expectAccessible, newTestPage, PHONE, screenshot, startWebStack, fileDossier, type WebStack } from '../../support/browser';

const APPLICANT = { name: 'Công ty CP Hạ tầng Bí Mật', taxCode: '1109876543', email: 'giam.doc@bimat.example.vn' };

describe('public lookup screen', () => {
  let web: WebStack;
  let code: string;

  beforeAll(async () => {
    web = await startWebStack('web-public-lookup');
    const body = { clusterCode: 'DH-HIEP-HOA-1', projectTitle: 'Dự án hạ tầng nội bộ Hiệp Hòa', applicant: APPLICANT };
    code = await fileDossier(web, 'public-lookup-1', body);
  });
  afterAll(() => web.close());

  it('shows the four public facts of a code typed on a phone, and nothing personal', async () => {
    const { page, context, foreign } = await newTestPage(web, PHONE);
    await page.goto(web.url('/tra-cuu'));
    await page.getByRole('heading', { name: 'Tra cứu tình trạng hồ sơ' }).waitFor();
    await expectAccessible(page, 'public lookup, empty');
    // Lower case and spaces as a person types them from paper; Enter submits.
    await page.getByLabel('Mã hồ sơ').fill(` ${code.toLowerCase()} `);
    await page.keyboard.press('Enter');
    await page.waitForURL(web.url(`/tra-cuu/${code}`));
    const facts = page.getByRole('table', { name: `Tình trạng hồ sơ ${code}` });
    await facts.waitFor();
    const text = await facts.innerText();
    expect(text).toContain('CCN Hiệp Hòa 1');
    for (const label of ['Cụm công nghiệp', 'Bước xử lý', 'Tình trạng', 'Ngày hẹn gần nhất']) expect(text).toContain(label);
    expect(text).toMatch(/\d{2}\/\d{2}\/\d{4}|Chưa có/);

    const whole = await page.locator('body').innerText();
    for (const personal of [APPLICANT.name, APPLICANT.taxCode, APPLICANT.email, 'Dự án hạ tầng nội bộ']) expect(whole).not.toContain(personal);
    // Readable at 360 px: nothing wider than the screen.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await expectAccessible(page, 'public lookup, found');
    await screenshot(page, 'public-lookup-phone');
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('says clearly when a code is unknown', async () => {
    const { page, context, foreign } = await newTestPage(web, PHONE);
    await page.goto(web.url('/tra-cuu/CCN-AAAAA-BBBBB'));
    await page.getByRole('alert').getByText('Không tìm thấy hồ sơ').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('CCN-AAAAA-BBBBB');
    await expectAccessible(page, 'public lookup, unknown code');
    await screenshot(page, 'public-lookup-unknown');
    expect(foreign).toEqual([]);
    await context.close();
  });
});
