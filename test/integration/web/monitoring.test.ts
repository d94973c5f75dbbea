/**
 * The monitored clusters on the screens, in a real Chromium, on the real clock: a cluster decided
 * 40–46 days ago, on a Wednesday (its services rules, due 5 working days after the decision, are
 * late, and their due date crosses a weekend whatever day today is; last month's report is
 * awaited). The manager follows the dashboard's "late" figure to the filtered list and
 * the cluster page; DOIT staff open the report task from the inbox, record the report and an
 * inspection that finds a violation dated ten days back, so its remediation is already overdue; the
 * manager decides the first step of the ladder, then takes the cluster out of the plan; DOIT staff
 * record the conversion plan.
 */
import { addDays, dayOfWeek } from '../../../domain';
import { todayInVietnam } from '../../../infra/clock';
import { clusterMonitoringWorkflowId, clusterSnapshotQuery, type ClusterMonitoringInput } from '../../../workflows/monitoring/api';
import type { clusterMonitoringWorkflow } from '../../../workflows/monitoring/workflow';
import { chooseOption, displayDate, expectAccessible, screenshot, signedInPage, startWebStack, type WebStack } from '../../support/browser';
import { SHORT_SCHEDULE, seedApprovedDossier, waitForCluster } from '../workflows/monitoring-support';

const CLUSTER = 'DH-LOC-GIANG-2';

describe('the monitored clusters on the screens', () => {
  let web: WebStack;
  beforeAll(async () => {
    web = await startWebStack('web-monitoring');
  });
  afterAll(() => web.close());

  it('dashboard → late clusters → cluster page; report, inspection, escalation, withdrawal and conversion plan through the forms', async () => {
    const today = todayInVietnam();
    // The Wednesday on or before 40 days ago: from a Sunday, 5 working days skip no day to explain.
    const fortyDaysAgo = addDays(today, -40);
    const decidedOn = addDays(fortyDaysAgo, -((dayOfWeek(fortyDaysAgo) - 3 + 7) % 7));
    const { dossierCode, roundCode } = await seedApprovedDossier(web.stack.prisma, CLUSTER, 'investor@example.vn');
    const input: ClusterMonitoringInput = { clusterCode: CLUSTER, roundCode, dossierCode, decidedOn, decidedBy: 'manager', schedule: { ...SHORT_SCHEDULE, reports: { ...SHORT_SCHEDULE.reports, due: { amount: 15, unit: 'calendar-days' } } } };
    const handle = await web.stack.temporal.workflow.start<typeof clusterMonitoringWorkflow>('clusterMonitoringWorkflow', {
      workflowId: clusterMonitoringWorkflowId(web.stack.deps.config.WORKFLOW_ID_PREFIX, CLUSTER),
      taskQueue: web.stack.taskQueue,
      args: [input],
    });

    // The workflow catches up with the 40-odd days: the services rules are reported late, last month's report is due.
    await waitForCluster(handle, (c) => c.agenda.some((e) => e.id === 'milestone:SERVICES_RULES' && e.overdueNotified) && c.agenda.some((e) => e.kind === 'PERIODIC_REPORT'));

    // The manager: the dashboard's late figure links to the filtered list, which links to the cluster.
    const manager = await signedInPage(web, 'manager');
    await manager.page.goto(web.url('/tong-quan'));
    await manager.page.getByRole('link', { name: /^Chậm tiến độ/ }).click();
    await manager.page.waitForURL(/\/cum-cong-nghiep\?cham-tien-do=true$/);
    const row = manager.page.getByRole('row').filter({ hasText: CLUSTER });
    await row.waitFor();
    expect(await row.textContent()).toContain('chậm tiến độ');
    await expectAccessible(manager.page, 'monitored cluster list');
    await screenshot(manager.page, 'monitoring-list-late');
    await row.getByRole('link').click();
    await manager.page.waitForURL(new RegExp(`/cum-cong-nghiep/${CLUSTER}$`));
    const milestones = manager.page.getByRole('table', { name: 'Mốc tiến độ' });
    const services = milestones.getByRole('row').filter({ hasText: 'Quy chế quản lý, dịch vụ' });
    await services.getByText(/^quá hạn \d+ ngày$/).waitFor();
    // Why the date is what it is: the weekends after the decision pushed the 5 working days.
    await services.getByText('Vì sao hạn này?').click();
    await services.getByText(/Hạn lùi vì \d+ ngày không tính/).waitFor();
    expect(await services.textContent()).toMatch(/Thứ Bảy|Chủ nhật/);
    // A manager does not record reports or inspections; DOIT staff do.
    expect(await manager.page.getByRole('region', { name: 'Ghi nhận báo cáo định kỳ' }).count()).toBe(0);

    // DOIT staff: the report task in the inbox opens the cluster's page.
    const appraiser = await signedInPage(web, 'appraiser');
    await appraiser.page.goto(web.url(`/?cum=${CLUSTER}`));
    const reportTask = appraiser.page.getByRole('row').filter({ hasText: 'Báo cáo định kỳ' }).first();
    await reportTask.getByRole('link').click();
    await appraiser.page.waitForURL(new RegExp(`/cum-cong-nghiep/${CLUSTER}$`));

    const report = appraiser.page.getByRole('region', { name: 'Ghi nhận báo cáo định kỳ' });
    await report.getByRole('button', { name: 'Thêm doanh nghiệp' }).click();
    await report.getByLabel('Doanh nghiệp 1', { exact: true }).fill('Công ty TNHH Cơ khí Long An');
    await report.getByLabel('Mã ngành, doanh nghiệp 1').fill('MECHANICAL_ENGINEERING');
    await report.getByLabel('Diện tích thuê (ha), doanh nghiệp 1').fill('7.5');
    await report.getByRole('button', { name: 'Ghi nhận báo cáo' }).click();
    const reports = appraiser.page.getByRole('table', { name: 'Báo cáo định kỳ' });
    await reports.getByText('ngành ưu tiên').waitFor();
    expect(await reports.textContent()).toContain('Công ty TNHH Cơ khí Long An');

    // An inspection ten days ago finds an environmental violation: its 3-day remediation is already overdue.
    const inspection = appraiser.page.getByRole('region', { name: 'Ghi nhận kết quả kiểm tra' });
    await inspection.getByRole('button', { name: 'Ghi nhận kiểm tra' }).click();
    await inspection.getByText('Chọn nội dung kiểm tra').waitFor();
    await chooseOption(appraiser.page, inspection.getByLabel('Nội dung kiểm tra', { exact: true }), 'Môi trường');
    await inspection.getByLabel('Ngày kiểm tra (dd/mm/yyyy)').fill(displayDate(addDays(today, -10)));
    await inspection.getByLabel('Kết quả kiểm tra').fill('Nước thải xả thẳng ra kênh, chưa qua xử lý.');
    await inspection.getByRole('button', { name: 'Thêm vi phạm' }).click();
    await inspection.getByLabel('Vi phạm 1', { exact: true }).fill('Xả nước thải chưa xử lý');
    await inspection.getByRole('button', { name: 'Ghi nhận kiểm tra' }).click();
    const violation = appraiser.page.getByRole('article', { name: 'Vi phạm V1' });
    await violation.getByText('Chưa khắc phục').waitFor();
    // The remediation form offers the new violation, already selected.
    const remediation = appraiser.page.getByRole('region', { name: 'Ghi nhận vi phạm đã khắc phục' });
    expect(await remediation.getByLabel('Vi phạm', { exact: true }).inputValue()).toMatch(/^V1 · Môi trường/);
    // A second scheduled inspection of the same subject within the year: the server's reason is shown.
    await chooseOption(appraiser.page, inspection.getByLabel('Nội dung kiểm tra', { exact: true }), 'Môi trường');
    await inspection.getByLabel('Kết quả kiểm tra').fill('Kiểm tra lại.');
    await inspection.getByRole('button', { name: 'Ghi nhận kiểm tra' }).click();
    await inspection.getByText(/mỗi năm chỉ kiểm tra một lần/).waitFor();
    await expectAccessible(appraiser.page, 'cluster page (DOIT staff)');
    await screenshot(appraiser.page, 'monitoring-cluster-appraiser');

    // The manager: the escalation decision appears once the workflow found the remediation overdue.
    await manager.page.reload();
    const escalation = manager.page.getByRole('region', { name: 'Quyết định xử lý vi phạm quá hạn khắc phục' });
    await escalation.waitFor({ timeout: 60_000 });
    await escalation.getByRole('button', { name: 'Ghi quyết định' }).click();
    await escalation.getByText('Nhập lý do của quyết định').waitFor();
    await escalation.getByLabel('Lý do').fill('Quá hạn khắc phục, chưa có biên bản xử lý nước thải.');
    await escalation.getByRole('button', { name: 'Ghi quyết định' }).click();
    const decided = manager.page.getByRole('article', { name: 'Vi phạm V1' });
    await decided.getByText(/bước hiện tại: Nhắc nhở, cảnh báo/).waitFor();
    expect(await decided.textContent()).toContain('Quá hạn khắc phục, chưa có biên bản xử lý nước thải.');
    await screenshot(manager.page, 'monitoring-cluster-escalated');

    // Withdrawal from the plan: the reason is required, then the stage changes and the milestones stop.
    const withdrawal = manager.page.getByRole('region', { name: 'Đưa cụm ra khỏi quy hoạch' });
    await withdrawal.getByRole('button', { name: 'Đưa ra khỏi quy hoạch' }).click();
    await withdrawal.getByText('Nhập lý do và số văn bản điều chỉnh quy hoạch').waitFor();
    await withdrawal.getByLabel('Lý do (văn bản điều chỉnh quy hoạch)').fill('Quyết định số 12/QĐ-UBND điều chỉnh quy hoạch');
    await withdrawal.getByRole('button', { name: 'Đưa ra khỏi quy hoạch' }).click();
    await manager.page.getByText('Đang chờ Sở Công Thương lập phương án chuyển đổi, quản lý.').waitFor();
    await milestones.getByText('Đã dừng (ra khỏi quy hoạch)').first().waitFor();
    // This month's report is no longer asked for.
    await manager.page.getByRole('table', { name: 'Báo cáo định kỳ' }).getByText('Không còn yêu cầu').waitFor();
    expect(await manager.page.getByRole('region', { name: 'Đưa cụm ra khỏi quy hoạch' }).count()).toBe(0);

    // DOIT staff record the conversion plan; the required concerns are added by the rule set.
    await appraiser.page.reload();
    const plan = appraiser.page.getByRole('region', { name: 'Phương án chuyển đổi, quản lý' });
    await plan.getByLabel('Tóm tắt phương án').fill('Chuyển thành khu dân cư; di dời hai doanh nghiệp.');
    await plan.getByLabel('Nội dung theo dõi thêm (mỗi dòng một nội dung)').fill('Di dời doanh nghiệp');
    await plan.getByRole('button', { name: 'Ghi nhận phương án' }).click();
    const planned = appraiser.page.getByRole('region', { name: 'Đưa ra khỏi quy hoạch' });
    await planned.getByText('Di dời doanh nghiệp').waitFor();
    expect(await planned.textContent()).toContain('môi trường');
    await appraiser.page.locator('section[aria-labelledby="dien-bien"]').getByText('Ghi nhận phương án chuyển đổi, quản lý').waitFor();
    await expectAccessible(appraiser.page, 'withdrawn cluster page');
    await screenshot(appraiser.page, 'monitoring-cluster-withdrawn');

    const snapshot = await handle.query(clusterSnapshotQuery);
    expect(snapshot.stage).toBe('WITHDRAWN_FROM_PLAN');
    expect([...manager.foreign, ...appraiser.foreign]).toEqual([]);
    await manager.context.close();
    await appraiser.context.close();
    await handle.terminate('kết thúc kịch bản thử');
  }, 300_000);
});
