/**
 * Screen 8, the print views a one-stop desk hands out, printed by Chromium to PDF (page.pdf, the
 * print CSS's own page size): the receipt with the appointment date on A5, and for a late dossier
 * the apology with the missed and the new date on A4, each with the QR code of the public lookup.
 */
import request from 'supertest';
import { bearer, tokenFor } from '../../support/auth';
import { expectAccessible, screenshot, signedInPage, startWebStack, fileDossier, type WebStack } from '../../support/browser';
import { pdfPages } from '../../support/pdf-text';

const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const plusDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** A month ago in Vietnam: the letter's reception date, so its opinions can already be late today. */
const PUBLIC_BASE_URL = 'https://dichvucong.longan.gov.vn';
const monthAgo = () => plusDays(new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10), -30);

describe('print views', () => {
  let web: WebStack;
  let code: string;
  let filedOn: string;
  let expectedDate: string | null;

  beforeAll(async () => {
    web = await startWebStack('web-print');
    code = await fileDossier(web, 'print-views-1', {
      clusterCode: 'DH-LOC-GIANG-1',
      receivedOn: monthAgo(),
      projectTitle: 'Hạ tầng CCN Lộc Giang 1',
      applicant: { name: 'Công ty CP Hạ tầng Đức Hòa', taxCode: '1101234567', email: 'investor@example.vn' },
    });
    const staff = await request(web.stack.app).get(`/api/dossiers/${code}`).set(bearer(await tokenFor(web.stack, 'intake'))).expect(200);
    filedOn = staff.body.filedOn as string;
    expectedDate = (await request(web.stack.app).get(`/api/public/dossiers/${code}`).expect(200)).body.expectedDate as string | null;
  });
  afterAll(() => web.close());
  beforeAll(() => {
    // As a province configures it: the API reads its configuration object at each request.
    web.stack.deps.config.PUBLIC_BASE_URL = PUBLIC_BASE_URL;
  });

  it('prints the receipt on A5 with the code, the dates and the QR code of the public lookup', async () => {
    const { page: dossierPage, context, foreign } = await signedInPage(web, 'intake');
    // From the dossier page, as the desk officer does: the receipt opens in its own tab.
    await dossierPage.goto(web.url(`/ho-so/${code}`));
    const [page] = await Promise.all([context.waitForEvent('page'), dossierPage.getByRole('link', { name: 'In phiếu tiếp nhận' }).click()]);
    expect(await dossierPage.getByRole('link', { name: 'In phiếu xin lỗi' }).count()).toBe(0); // not late
    await page.waitForURL(web.url(`/in/phieu-tiep-nhan/${code}`));
    await page.getByRole('heading', { name: 'Phiếu tiếp nhận hồ sơ và hẹn trả kết quả' }).waitFor();
    const qr = page.getByRole('img', { name: `Mã QR tra cứu hồ sơ ${code}` });
    await qr.waitFor();
    // The public's address (PUBLIC_BASE_URL), not the intranet origin the desk works on.
    expect(await qr.getAttribute('data-qr-value')).toBe(`${PUBLIC_BASE_URL}/tra-cuu/${code}`);
    expect(await qr.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    await expectAccessible(page, 'receipt');
    await screenshot(page, 'print-receipt');

    // Keyboard: the print button is reachable and named.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('In phiếu');

    const [sheet] = await pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    expect(sheet).toBeDefined();
    expect(Math.round(sheet!.width)).toBe(420); // A5 portrait, in points
    expect(Math.round(sheet!.height)).toBe(595);
    expect(sheet!.text).toContain(code);
    expect(sheet!.text).toContain(dmy(filedOn));
    if (expectedDate) expect(sheet!.text).toContain(dmy(expectedDate));
    else expect(sheet!.text).toContain('sẽ thông báo');
    expect(sheet!.text).not.toContain('In phiếu'); // the buttons are not printed
    expect(sheet!.text.normalize('NFC').replace(/\s+/g, '')).toContain('CôngtyCPHạtầngĐứcHòa');
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('says there is nothing to apologise for while no step is late', async () => {
    const { page, context } = await signedInPage(web, 'intake');
    await page.goto(web.url(`/in/phieu-xin-loi/${code}`));
    await page.getByText('Hồ sơ chưa quá hạn').waitFor();
    await expectAccessible(page, 'apology, not late');
    await context.close();
  });

  it('prints the apology on A4 with the missed date, the new date and the days that moved it', async () => {
    // The read model as the workflow leaves it when the opinions went overdue (context.ts,
    // noticeApplicantOfOverdue): the stage's deadline and `<stage>Revised` beside it.
    const dossier = await web.stack.prisma.dossier.findUniqueOrThrow({ where: { code } });
    const missed = plusDays(filedOn, 14);
    const revisedFrom = plusDays(filedOn, 25);
    const revisedDue = plusDays(revisedFrom, 14);
    const holiday = plusDays(revisedFrom, 3);
    const deadlines = {
      ...(dossier.deadlines as object),
      departmentOpinion: { from: filedOn, due: missed, amount: 10, unit: 'working-days', skipped: [] },
      departmentOpinionRevised: {
        from: revisedFrom,
        due: revisedDue,
        amount: 10,
        unit: 'working-days',
        skipped: [{ date: holiday, reason: 'Ngày nghỉ bù (lịch làm việc)' }],
      },
    };
    await web.stack.prisma.dossier.update({ where: { code }, data: { deadlines } });

    const { page: dossierPage, context, foreign } = await signedInPage(web, 'intake');
    await dossierPage.goto(web.url(`/ho-so/${code}`));
    const [page] = await Promise.all([context.waitForEvent('page'), dossierPage.getByRole('link', { name: 'In phiếu xin lỗi' }).click()]);
    await page.waitForURL(web.url(`/in/phieu-xin-loi/${code}`));
    await page.getByRole('heading', { name: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả' }).waitFor();
    await page.getByRole('img', { name: `Mã QR tra cứu hồ sơ ${code}` }).waitFor();
    await expectAccessible(page, 'apology');
    await screenshot(page, 'print-apology');

    const [sheet, ...more] = await pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    expect(more).toEqual([]);
    expect(Math.round(sheet!.width)).toBe(595); // A4 portrait
    expect(Math.round(sheet!.height)).toBe(842);
    expect(sheet!.text).toContain(code);
    expect(sheet!.text).toContain(dmy(filedOn));
    expect(sheet!.text).toContain(dmy(missed));
    expect(sheet!.text).toContain(dmy(revisedDue));
    expect(sheet!.text).toContain(dmy(holiday));
    // pdf.js returns Vietnamese letters with stacked marks as separate items: compare without spaces.
    expect(sheet!.text.normalize('NFC').replace(/\s+/g, '')).toContain('thànhthậtxinlỗi');
    expect(foreign).toEqual([]);
    await context.close();
  });
});
