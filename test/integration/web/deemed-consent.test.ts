/**
 * Deemed consent in a real Chromium: a consulted department (the police) lets its opinion deadline
 * pass in silence. Before it, the police reviewer's inbox lists the opinion task; once the
 * workflow's durable timer fires (scaled clock: one virtual day per second, so the ten working days
 * pass in about fifteen seconds), the dossier page shows "Coi như đồng ý" for the police, by the
 * system, and the reviewer's inbox no longer lists the task.
 */
import { checkCompletenessUpdate, withdrawUpdate } from '../../../workflows/dossier/api';
import { randomDossierCode } from '../staff-api/fixtures';
import { giveOpinions, startDossier, waitForSnapshot } from '../workflows/support';
import { expectAccessible, screenshot, signedInPage, startWebStack, type WebStack } from '../../support/browser';

/** One virtual day lasts one second. */
const MS_PER_DAY = 1_000;

describe('deemed consent on the screens', () => {
  let web: WebStack;
  beforeAll(async () => {
    web = await startWebStack('web-deemed');
  });
  afterAll(() => web.close());

  it('the police let the deadline pass: the dossier page says "Coi như đồng ý" and the inbox drops the task', async () => {
    const { handle, input } = await startDossier(web.stack, { code: randomDossierCode(), msPerDay: MS_PER_DAY, filedOn: '2026-10-05' });
    const opened = await handle.executeUpdate(checkCompletenessUpdate, { args: [{ actor: 'intake', complete: true, expectedVersion: 1 }] });
    expect(opened.opinionTasks.map((task) => task.departmentCode)).toContain('POLICE');
    await giveOpinions(handle, opened, ['POLICE']);

    const reviewer = await signedInPage(web, 'reviewer.police');
    await reviewer.page.goto(web.url('/'));
    const task = reviewer.page.getByRole('row').filter({ hasText: input.code });
    await task.waitFor();
    expect(await task.textContent()).toContain('Cho ý kiến');
    await screenshot(reviewer.page, 'deemed-consent-inbox-before');

    // The deadline passes with no answer from the police: the procedure records deemed consent and moves on.
    await waitForSnapshot(handle, (s) => s.stage === 'SCREENING', 60_000);

    const appraiser = await signedInPage(web, 'appraiser');
    await appraiser.page.goto(web.url(`/ho-so/${input.code}`));
    const opinions = appraiser.page.getByRole('region', { name: 'Ý kiến các sở, ngành' });
    const police = opinions.getByRole('row').filter({ hasText: 'POLICE' });
    await police.getByText('Coi như đồng ý', { exact: true }).waitFor();
    expect(await police.textContent()).toContain('Hệ thống (hết hạn)');
    // The departments that answered keep their own verdicts.
    expect(await opinions.getByText('Coi như đồng ý', { exact: true }).count()).toBe(1);
    await expectAccessible(appraiser.page, 'dossier with a deemed consent');
    await screenshot(appraiser.page, 'deemed-consent-dossier');

    await reviewer.page.reload();
    await reviewer.page.getByRole('heading', { name: 'Hộp việc' }).waitFor();
    await reviewer.page.getByText(/^Hôm nay/).waitFor();
    expect(await reviewer.page.getByRole('row').filter({ hasText: input.code }).count()).toBe(0);
    await screenshot(reviewer.page, 'deemed-consent-inbox-after');

    expect([...reviewer.foreign, ...appraiser.foreign]).toEqual([]);
    await reviewer.context.close();
    await appraiser.context.close();
    await handle.executeUpdate(withdrawUpdate, { args: [{ actor: 'applicant', reason: 'Kết thúc kịch bản thử' }] });
  });
});
