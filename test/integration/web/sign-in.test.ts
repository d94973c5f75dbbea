/**
 * Screen 1, sign-in, in a real Chromium: the form, who is signed in (name, roles, department),
 * sign-out, a page opened without a session and an expired session both coming back to the page
 * after signing in; axe-core and no request leaving 127.0.0.1.
 */
import { expectAccessible, newTestPage, screenshot, signInThroughForm, startWebStack, type WebStack } from '../../support/browser';

describe('sign-in screen', () => {
  let web: WebStack;
  beforeAll(async () => {
    web = await startWebStack('web-sign-in', { worker: false });
  });
  afterAll(() => web.close());

  it('signs in with the keyboard, shows who is signed in, and signs out', async () => {
    const { page, context, foreign } = await newTestPage(web);
    await page.goto(web.url('/'));
    await page.waitForURL(/\/dang-nhap\?next=%2F/);
    await expectAccessible(page, 'sign-in');
    await screenshot(page, 'sign-in');

    // Keyboard only: the username field has focus, Tab to the password, Enter submits.
    await page.keyboard.type('reviewer.doc');
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo');
    await page.keyboard.press('Enter');
    await page.waitForURL(web.url('/'));
    const user = page.getByTestId('signed-in-user');
    await user.getByText('Cán bộ góp ý DOC (demo)').waitFor();
    await user.getByText('Cán bộ góp ý · DOC').waitFor();
    await page.getByRole('heading', { name: 'Hộp việc' }).waitFor();
    await expectAccessible(page, 'inbox');
    await screenshot(page, 'inbox-empty');

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL(/\/dang-nhap/);
    expect(await page.evaluate('localStorage.getItem("ccn.session")')).toBeNull();
    await page.goto(web.url('/'));
    await page.waitForURL(/\/dang-nhap/);
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('shows the server’s refusal of a wrong password', async () => {
    const { page, context, foreign } = await newTestPage(web);
    await page.goto(web.url('/dang-nhap'));
    await signInThroughForm(page, 'intake', 'sai-mat-khau');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toMatch(/mật khẩu/i);
    await expectAccessible(page, 'sign-in refused');
    expect(page.url()).toContain('/dang-nhap');
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('sends an expired session to sign-in and back to the page it was on', async () => {
    const { page, context, foreign } = await newTestPage(web);
    await page.goto(web.url('/dang-nhap?next=%2Fho-so%3Fgiai-doan%3DSCORING'));
    await signInThroughForm(page, 'manager');
    await page.waitForURL(web.url('/ho-so?giai-doan=SCORING'));

    // The server stops accepting the token (as when it expires): the next request answers 401.
    await page.evaluate(`(() => {
      const session = JSON.parse(localStorage.getItem('ccn.session'));
      localStorage.setItem('ccn.session', JSON.stringify({ ...session, token: session.token.slice(0, -4) + 'AAAA' }));
    })()`);
    await page.reload();
    await page.waitForURL(/\/dang-nhap\?.*ly-do=expired/);
    await page.getByText('Phiên đăng nhập đã hết hạn').waitFor();
    await screenshot(page, 'sign-in-expired');
    await signInThroughForm(page, 'manager');
    await page.waitForURL(web.url('/ho-so?giai-doan=SCORING'));
    await page.getByTestId('signed-in-user').getByText('Lãnh đạo UBND tỉnh (demo)').waitFor();

    // A session past its expiry time is not even sent: the page goes to sign-in, saying why.
    await page.evaluate(`(() => {
      const session = JSON.parse(localStorage.getItem('ccn.session'));
      localStorage.setItem('ccn.session', JSON.stringify({ ...session, expiresAt: '2020-01-01T00:00:00Z' }));
    })()`);
    await page.goto(web.url('/tong-quan'));
    await page.waitForURL(/\/dang-nhap\?next=%2Ftong-quan&ly-do=expired/);
    await page.getByText('Phiên đăng nhập đã hết hạn').waitFor();
    await signInThroughForm(page, 'manager');
    await page.waitForURL(web.url('/tong-quan'));
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('refuses a page the role does not open, saying which roles do', async () => {
    const { page, context } = await newTestPage(web);
    await page.goto(web.url('/dang-nhap'));
    await signInThroughForm(page, 'intake');
    await page.waitForURL(web.url('/'));
    await page.goto(web.url('/quan-tri/nguoi-dung'));
    await page.getByRole('heading', { name: 'Không có quyền truy cập' }).waitFor();
    expect(await page.getByText('Quản trị viên').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'forbidden');
    await context.close();
  });
});
