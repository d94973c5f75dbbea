/**
 * Screens 3 and 4 in a real Chromium: one dossier worked from intake to the decision through the
 * dossier and round pages, each person in their own browser context, as README "Working a dossier
 * through the API" orders the steps: the commune PC's call and submission, the intake officer's
 * documents and completeness check, five departments' opinions, the appraiser's screening (made on
 * a stale page while the intake officer asks for and receives a supplement), four council score
 * sheets, the report and the manager's decision. Every form is first sent wrong and must show the
 * server's (or, for a criterion's maximum, the form's) refusal; the deadlines must name the holiday
 * an administrator added; axe-core passes on every page; nothing leaves 127.0.0.1.
 */
import type { Locator, Page } from 'playwright-core';
import request from 'supertest';
import { bearer, tokenFor } from '../../support/auth';
import { chooseOption, displayDate, expectAccessible, screenshot, signedInPage, startWebStack, type TestPage, type WebStack } from '../../support/browser';

const CLUSTER = 'DH-MY-HANH-BAC';
const DAY = 86_400_000;
/** A date in Vietnam (UTC+7), `days` from today. */
const vietnamDate = (days: number) => new Date(Date.now() + 7 * 3_600_000 + days * DAY).toISOString().slice(0, 10);
/** The `n`-th Monday–Friday after today: inside both the 10-working-day opinion period and the appraisal. */
function weekdayAfterToday(n: number): string {
  let days = 0;
  for (let found = 0; found < n; ) {
    days += 1;
    const weekday = new Date(`${vietnamDate(days)}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) found += 1;
  }
  return vietnamDate(days);
}

const pdf = (label: string) => ({ name: `${label}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.7\n% ${label}\n${'0'.repeat(2048)}\n%%EOF\n`) });

describe('dossier and round screens', () => {
  let web: WebStack;
  const people = new Map<string, TestPage>();
  const api = async (username: string) => bearer(await tokenFor(web.stack, username));

  beforeAll(async () => {
    web = await startWebStack('web-dossier');
  }, 300_000);
  afterAll(async () => {
    for (const person of people.values()) await person.context.close();
    await web.close();
  });

  /** The person's own browser (signed in once), on `path`. */
  async function as(username: string, path: string): Promise<Page> {
    let person = people.get(username);
    if (!person) {
      person = await signedInPage(web, username);
      people.set(username, person);
    }
    await person.page.goto(web.url(path));
    return person.page;
  }

  /** The form of an action: a region named by its title. */
  const form = (page: Page, title: string) => page.getByRole('region', { name: title, exact: true });

  /** The refusal the form shows, at a field or in its alert; its text. */
  async function refusalIn(region: Locator): Promise<string> {
    const shown = region.locator('[role="alert"], .mantine-InputWrapper-error').first();
    await shown.waitFor({ timeout: 20_000 });
    return shown.innerText();
  }

  async function look(page: Page, name: string) {
    await expectAccessible(page, name);
    // From the top, so the fixed header is not drawn over the middle of the full-page picture.
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, name);
  }

  async function dossierStage(code: string): Promise<{ stage: string; status: string; version: number }> {
    const response = await request(web.stack.app).get(`/api/dossiers/${code}`).set(await api('manager')).expect(200);
    return response.body;
  }

  /** Waits until the round has an open task of `kind` (the round moves on by itself once every dossier is scored). */
  async function roundTask(roundCode: string, kind: string) {
    await until(
      `round task ${kind}`,
      async () => (await request(web.stack.app).get(`/api/rounds/${roundCode}`).set(await api('manager'))).body as { tasks?: { kind: string; status: string }[] },
      (round) => (round.tasks ?? []).some((task) => task.kind === kind && task.status === 'OPEN'),
      120_000,
    );
  }

  async function until<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (ok(value)) return value;
      if (Date.now() > end) throw new Error(`${what}: ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }

  it('works a dossier from the letter to the decision through the screens, every form refused once', async () => {
    // An administrator gives a day off inside the coming deadlines: the screens must say it moved them.
    const holiday = weekdayAfterToday(3);
    // (Retried: on a loaded machine the calendar's index rebuild can outlast its 5 s transaction, a 500.)
    const dayOff = await until(
      'the day off recorded',
      async () => request(web.stack.app).put(`/api/calendar/days/${holiday}`).set(await api('admin')).send({ working: false, reason: 'Nghỉ bù theo quyết định của UBND tỉnh' }),
      (response) => response.status !== 500,
    );
    expect(dayOff.status).toBe(200);

    // The letter, received a month ago, opens a round (filing has its own screen elsewhere).
    const receivedOn = vietnamDate(-30);
    const filed = await request(web.stack.app)
      .post('/api/dossiers')
      .set(await api('intake'))
      .send({ clusterCode: CLUSTER, receivedOn, projectTitle: 'Đầu tư hạ tầng kỹ thuật CCN Mỹ Hạnh Bắc', applicant: { name: 'Công ty CP Hạ tầng Mỹ Hạnh', taxCode: '1100000471', email: 'hatang@example.vn' } })
      .expect(201);
    const code = filed.body.code as string;
    const roundCode = filed.body.round.code as string;

    // The commune PC's officer: the call (a date in the future is refused), then the submission to DOIT.
    let page = await as('reviewer.commune_pc', `/dot/${roundCode}`);
    const call = form(page, 'Thông báo mời nộp hồ sơ');
    await call.waitFor({ timeout: 30_000 });
    await call.getByLabel('Ngày thông báo (dd/mm/yyyy)').fill(displayDate(vietnamDate(2)));
    await call.getByLabel(/Nơi đăng/).fill('Cổng thông tin điện tử tỉnh');
    await call.getByRole('button', { name: 'Ghi nhận thông báo' }).click();
    expect(await refusalIn(call)).toMatch(/tương lai|ngày/i);
    await look(page, 'round-announcement-refused');
    await call.getByLabel('Ngày thông báo (dd/mm/yyyy)').fill(displayDate(receivedOn));
    await call.getByLabel('Ngày thông báo (dd/mm/yyyy)').press('Enter');
    const submission = form(page, 'Chuyển hồ sơ đến Sở Công Thương');
    await submission.waitFor({ timeout: 30_000 });
    await page.getByTestId('deadline-applicationWindow').waitFor();
    await look(page, 'round-submission');
    await submission.getByRole('button', { name: 'Chuyển hồ sơ' }).click();
    await until('dossier at its completeness check', () => dossierStage(code), (d) => d.stage === 'COMPLETENESS_CHECK');

    // The intake officer: "complete" is refused while documents are missing; a renamed .exe is refused.
    page = await as('intake', `/ho-so/${code}`);
    const completeness = form(page, 'Kiểm tra tính đầy đủ');
    await completeness.waitFor({ timeout: 30_000 });
    await completeness.getByRole('button', { name: 'Ghi nhận kết quả kiểm tra' }).click();
    expect(await refusalIn(completeness)).toMatch(/thiếu|thành phần|đầy đủ/i);
    await look(page, 'dossier-completeness-refused');

    const documents = (await request(web.stack.app).get(`/api/dossiers/${code}/documents`).set(await api('intake')).expect(200)).body as {
      items: { code: string; label: string; mandatory: boolean; group?: string }[];
    };
    const needed = documents.items.filter((item, index, all) => item.mandatory || (item.group && all.findIndex((other) => other.group === item.group) === index));
    const [first, ...rest] = needed;
    if (!first) throw new Error(`no checklist items: ${JSON.stringify(documents)}`);
    const uploadForm = page.getByRole('form', { name: 'Tải lên tài liệu' });
    await chooseOption(page, uploadForm.getByLabel('Thành phần hồ sơ', { exact: true }), first.label);
    await uploadForm.locator('input[type="file"]').setInputFiles({ name: 'phuong-an.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00 not a pdf at all') });
    await uploadForm.getByRole('button', { name: 'Tải lên' }).click();
    expect(await refusalIn(uploadForm)).toMatch(/loại|định dạng|PDF/i);
    await uploadForm.locator('input[type="file"]').setInputFiles(pdf(first.code));
    await uploadForm.getByRole('button', { name: 'Tải lên' }).click();
    await uploadForm.getByRole('status').filter({ hasText: `${first.code}.pdf` }).waitFor();
    for (const item of rest) {
      await request(web.stack.app)
        .post(`/api/dossiers/${code}/documents`)
        .set(await api('intake'))
        .field('item', item.code)
        .attach('file', pdf(item.code).buffer, { filename: `${item.code}.pdf`, contentType: 'application/pdf' })
        .expect(201);
    }

    // The withdrawal dialog: an empty letter is refused; Esc closes the dialog.
    await page.reload();
    await page.getByRole('button', { name: 'Rút hồ sơ' }).click();
    const withdrawal = page.getByRole('dialog');
    await withdrawal.getByRole('button', { name: 'Ghi nhận rút hồ sơ' }).click();
    expect(await refusalIn(withdrawal)).not.toBe('');
    await look(page, 'dossier-withdrawal-refused');
    await page.keyboard.press('Escape');
    await withdrawal.waitFor({ state: 'hidden' });

    await page.getByTestId(`document-${first.code}`).getByRole('button', { name: new RegExp(`Tải xuống ${first.code}.pdf`) }).waitFor();
    await form(page, 'Kiểm tra tính đầy đủ').getByRole('button', { name: 'Ghi nhận kết quả kiểm tra' }).click();
    await until('opinions asked', () => dossierStage(code), (d) => d.stage === 'DEPARTMENT_OPINIONS');
    const opinionDeadline = page.getByTestId('deadline-appraisal');
    await opinionDeadline.getByText(`Nghỉ bù theo quyết định của UBND tỉnh: ${displayDate(holiday)}`).waitFor({ timeout: 20_000 });
    await look(page, 'dossier-opinions-asked');

    // Five departments, each in its own browser; the first sends an objection without its text first.
    const departments = ['dof', 'dae', 'doc', 'police', 'commune_pc'];
    for (const [index, department] of departments.entries()) {
      page = await as(`reviewer.${department}`, `/ho-so/${code}`);
      const opinion = form(page, `Ý kiến của ${department.toUpperCase()}`);
      await opinion.waitFor({ timeout: 30_000 });
      if (index === 0) {
        await opinion.getByRole('radio', { name: 'Không đồng ý' }).check();
        await opinion.getByRole('button', { name: 'Gửi ý kiến' }).click();
        expect(await refusalIn(opinion)).not.toBe('');
        await look(page, 'dossier-opinion-refused');
        await opinion.getByRole('radio', { name: 'Đồng ý', exact: true }).check();
      }
      await opinion.getByLabel(/Nội dung ý kiến/).fill(`Thống nhất với đề xuất của nhà đầu tư (${department.toUpperCase()}).`);
      await opinion.getByRole('button', { name: 'Gửi ý kiến' }).click();
      await opinion.waitFor({ state: 'detached', timeout: 30_000 });
    }
    await until('screening', () => dossierStage(code), (d) => d.stage === 'SCREENING');

    // The appraiser fills the screening facts on a page that stops refreshing (its network froze)...
    const appraiser = await as('appraiser', `/ho-so/${code}`);
    const screening = form(appraiser, 'Đánh giá điều kiện (đạt / không đạt)');
    await screening.waitFor({ timeout: 30_000 });
    // What each department wrote is on the page the appraiser screens from.
    const opinions = appraiser.getByRole('region', { name: 'Ý kiến các sở, ngành' });
    for (const department of departments) await opinions.getByText(`Thống nhất với đề xuất của nhà đầu tư (${department.toUpperCase()}).`).waitFor();
    await screening.getByLabel('Tổng vốn đầu tư').fill('800000000000');
    await screening.getByLabel('Vốn chủ sở hữu').fill('200000000000');
    await screening.getByLabel('Diện tích đất dự án').fill('49');
    await screening.getByRole('checkbox', { name: 'Có tài liệu chứng minh kinh nghiệm được chứng thực' }).check();
    await screening.getByRole('checkbox', { name: 'Báo cáo tài chính đã kiểm toán 2 năm gần nhất' }).check();
    let frozen = true;
    await appraiser.route(`**/api/dossiers/${code}`, (route) => (frozen && route.request().method() === 'GET' ? route.abort() : route.continue()));
    appraiser.on('request', (sent) => {
      if (sent.method() === 'POST' && sent.url().endsWith('/screening')) frozen = false;
    });

    // ...while the intake officer asks for a supplement (an empty line is refused) and receives it.
    page = await as('intake', `/ho-so/${code}`);
    const ask = form(page, 'Yêu cầu bổ sung hồ sơ');
    await ask.waitFor({ timeout: 30_000 });
    await ask.getByRole('button', { name: 'Gửi yêu cầu bổ sung' }).click();
    expect(await refusalIn(ask)).not.toBe('');
    await look(page, 'dossier-supplement-request-refused');
    await chooseOption(page, ask.getByLabel('Thành phần 1', { exact: true }), first.label);
    await ask.getByLabel('Lý do 1').fill('Bản sao chưa được chứng thực.');
    await ask.getByRole('button', { name: 'Gửi yêu cầu bổ sung' }).click();
    const receipt = form(page, 'Nhận hồ sơ bổ sung');
    await receipt.waitFor({ timeout: 30_000 });
    await look(page, 'dossier-supplement-awaited');
    await page.getByRole('form', { name: 'Tải lên tài liệu' }).getByLabel('Thành phần hồ sơ', { exact: true }).waitFor();
    await chooseOption(page, page.getByRole('form', { name: 'Tải lên tài liệu' }).getByLabel('Thành phần hồ sơ', { exact: true }), first.label);
    await page.getByRole('form', { name: 'Tải lên tài liệu' }).locator('input[type="file"]').setInputFiles(pdf(`${first.code}-chung-thuc`));
    await page.getByRole('form', { name: 'Tải lên tài liệu' }).getByRole('button', { name: 'Tải lên' }).click();
    await page.getByRole('status').filter({ hasText: 'chung-thuc' }).waitFor();
    await receipt.getByRole('button', { name: 'Ghi nhận đã nhận bổ sung' }).click();
    const recheck = form(page, 'Kiểm tra tính đầy đủ');
    await recheck.waitFor({ timeout: 30_000 });
    await recheck.getByRole('button', { name: 'Ghi nhận kết quả kiểm tra' }).click();
    await until('back at screening', () => dossierStage(code), (d) => d.stage === 'SCREENING' && d.status === 'ACTIVE');

    // The appraiser's stale page is refused, reloaded, and told what happened meanwhile; then it passes.
    await screening.getByRole('button', { name: 'Ghi nhận kết quả đánh giá' }).click();
    const stale = screening.getByRole('status').filter({ hasText: 'Dữ liệu đã thay đổi' });
    await stale.waitFor({ timeout: 20_000 });
    expect(await stale.innerText()).toMatch(/Yêu cầu bổ sung hồ sơ[\s\S]*Nhận hồ sơ bổ sung/);
    await look(appraiser, 'dossier-screening-stale');
    await screening.getByRole('button', { name: 'Ghi nhận kết quả đánh giá' }).click();
    await until('scoring', () => dossierStage(code), (d) => d.stage === 'SCORING');

    // The secretary does not vote; each voting member scores, the chair first over a maximum.
    page = await as('secretary', `/ho-so/${code}`);
    await page.getByText('Thư ký Hội đồng không chấm điểm.').waitFor({ timeout: 30_000 });
    const sheets: [string, number[]][] = [
      ['chair', [14, 13, 25, 35]],
      ['vicechair.doit', [12, 12, 24, 30]],
      ['vicechair.dof', [13, 14, 26, 33]],
      ['member.doc', [11, 12, 22, 31]],
    ];
    for (const [index, [member, points]] of sheets.entries()) {
      page = await as(member, `/ho-so/${code}`);
      const sheet = form(page, 'Phiếu chấm điểm');
      await sheet.waitFor({ timeout: 30_000 });
      const fields = [/Phương án đầu tư/, /bảo vệ môi trường/, /Năng lực/, /Phương án tài chính/];
      if (index === 0) {
        await sheet.getByLabel(/Phương án đầu tư/).fill('16');
        await sheet.getByRole('button', { name: 'Gửi phiếu chấm điểm' }).click();
        expect(await refusalIn(sheet)).toMatch(/Tối đa 15|tiêu chí/);
      }
      for (const [i, field] of fields.entries()) await sheet.getByLabel(field).fill(String(points[i]));
      const total = points.reduce((a, b) => a + b, 0);
      await sheet.getByTestId('score-total').filter({ hasText: `Tổng: ${total} / 100 điểm — đạt` }).waitFor();
      if (index === 0) await look(page, 'dossier-score-sheet');
      await sheet.getByRole('button', { name: 'Gửi phiếu chấm điểm' }).click();
      await page.getByText('Bạn đã gửi phiếu chấm điểm cho hồ sơ này.').waitFor({ timeout: 30_000 });
    }
    await until('scoring closed', () => dossierStage(code), (d) => d.stage === 'APPRAISAL_REPORT');

    // The appraiser's report: an empty one is refused.
    await roundTask(roundCode, 'APPRAISAL_REPORT');
    page = await as('appraiser', `/dot/${roundCode}`);
    const report = form(page, 'Lập báo cáo thẩm định');
    await report.waitFor({ timeout: 30_000 });
    await report.getByRole('button', { name: 'Trình báo cáo' }).click();
    expect(await refusalIn(report)).not.toBe('');
    await look(page, 'round-report-refused');
    await report.getByLabel('Nội dung báo cáo').fill('Nhà đầu tư đáp ứng điều kiện, đạt 81,5 điểm bình quân; đề xuất chấp thuận.');
    await report.getByRole('button', { name: 'Trình báo cáo' }).click();
    await report.waitFor({ state: 'detached', timeout: 30_000 });

    // The manager's decision: Esc closes the dialog; a rejection without a reason is refused; then approval.
    await roundTask(roundCode, 'DECISION');
    page = await as('manager', `/dot/${roundCode}`);
    await page.getByRole('button', { name: 'Ra quyết định' }).click({ timeout: 30_000 });
    const decision = page.getByRole('dialog');
    await decision.waitFor();
    await page.keyboard.press('Escape');
    await decision.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Ra quyết định' }).click();
    await decision.getByRole('radio', { name: 'Không chấp thuận' }).check();
    await decision.getByRole('button', { name: 'Ghi nhận quyết định' }).click();
    expect(await refusalIn(decision)).not.toBe('');
    await look(page, 'round-decision-refused');
    await decision.getByRole('radio', { name: 'Chấp thuận nhà đầu tư được đề xuất' }).check();
    await decision.getByRole('button', { name: 'Ghi nhận quyết định' }).click();
    await decision.waitFor({ state: 'hidden', timeout: 30_000 });
    await page.locator('section[aria-labelledby="quyet-dinh"]').getByText('Chấp thuận nhà đầu tư được đề xuất').waitFor({ timeout: 30_000 });
    await until('approved', () => dossierStage(code), (d) => d.status === 'APPROVED');
    await page.reload();
    await page.getByText(code).first().waitFor();
    await look(page, 'round-decided');

    page = await as('manager', `/ho-so/${code}`);
    await page.getByText('Được chấp thuận').first().waitFor({ timeout: 30_000 });
    await page.getByRole('table').filter({ hasText: 'Xếp hạng' }).getByText('Đạt', { exact: true }).waitFor();
    for (const entry of ['Sở, ngành cho ý kiến', 'Yêu cầu bổ sung hồ sơ', 'Thành viên hội đồng chấm điểm', 'UBND tỉnh chấp thuận nhà đầu tư']) {
      await page.locator('section[aria-labelledby="dien-bien"]').getByText(entry).first().waitFor();
    }
    await look(page, 'dossier-decided');

    for (const [username, person] of people) expect({ username, foreign: person.foreign }).toEqual({ username, foreign: [] });
  }, 900_000);
});

