import { allHandlersFinished, condition, getExternalWorkflowHandle, patched } from '@temporalio/workflow';
import { addDays, rankApplicants, type Deadline } from '../../domain';
import { runHumanTask } from '../common/human-task';
import { appraisalStartSignal, dossierWorkflowId, roundResultSignal, type RoundResultSignal } from '../dossier/api';
import type { RoundReportView, RoundSnapshot, RoundWorkflowInput } from './api';
import { recomputeRoundDeadlinesOnCalendarChange } from './calendar-changes';
import { acts, RoundContext, SYSTEM } from './context';
import { setRoundHandlers } from './handlers';
import { announcementRequestNotice, decisionRequestNotice, reportRequestNotice, submissionRequestNotice } from './mails';
import { START_CLUSTER_MONITORING, startClusterMonitoring } from './monitoring-start';

/**
 * One selection round for a cluster (shared/DOMAIN.md §2), its steps in the order of the law:
 *
 *   CALL_PENDING  the district/commune PC records the public call (due callAnnouncement after the first letter)
 *   WINDOW_OPEN   letters join until the window (applicationWindow from the announcement) closes; later ones are refused
 *   COMPILATION   the PC sends the compiled dossiers to DOIT (due dossierSubmission after the window)
 *   APPRAISAL     each admitted dossier is appraised by its own child workflow, until scored, refused or withdrawn
 *   REPORT        one report ranks the scored applicants and names the proposed investor (due with the latest appraisal clock)
 *   DECISION      one decision (APPROVE, REJECT, RETURN for a revised report) within the decision limit
 *   DECIDED | NO_INVESTOR   every applicant told its own result; without an investor the next letter opens a new round
 */
export async function roundWorkflow(input: RoundWorkflowInput): Promise<RoundSnapshot> {
  const ctx = new RoundContext(input);
  setRoundHandlers(ctx);
  const opened = await acts.recordRoundOpened({ code: ctx.code, clusterCode: input.clusterCode, number: input.number, ruleSetId: input.ruleSet.id, openedOn: input.openedOn, actor: input.openedBy });
  ctx.recorded = true;
  const recomputation = recomputeRoundDeadlinesOnCalendarChange(ctx);
  await runRound(ctx, opened.announcementDeadline);
  ctx.finished = true;
  await recomputation;
  await Promise.all(ctx.appraisals.values());
  await condition(allHandlersFinished);
  return ctx.snapshot;
}

async function runRound(ctx: RoundContext, announcementDeadline: Deadline): Promise<void> {
  await publicCall(ctx, announcementDeadline);
  await applicationWindow(ctx);
  if (ctx.active().length === 0) return closeWithoutInvestor(ctx, 'Không còn hồ sơ nào trong đợt lựa chọn khi hết thời hạn nhận hồ sơ.');
  await submissionToAppraisal(ctx);
  await condition(() => ctx.snapshot.applicants.every((a) => ['SCORED', 'REFUSED', 'WITHDRAWN'].includes(a.standing)));
  if (ctx.scores.size === 0) return closeWithoutInvestor(ctx, 'Mọi hồ sơ của đợt lựa chọn đã bị loại hoặc đã rút.');
  for (;;) {
    const report = await appraisalReport(ctx);
    if (!report.proposed) return closeWithoutInvestor(ctx, report.ranking.noWinnerReason ?? 'Không có nhà đầu tư đạt yêu cầu.', report);
    const decision = await provincialDecision(ctx, report);
    if (decision === 'RETURN') continue;
    return;
  }
}

/** Stage 2a: the PC officer records the announcement (date, where published); overdue: managers told, still awaited. */
async function publicCall(ctx: RoundContext, deadline: Deadline): Promise<void> {
  const due = () => ctx.snapshot.deadlines.callAnnouncement?.due ?? deadline.due;
  ctx.deadlineBasis.set('callAnnouncement', { from: ctx.input.openedOn, limit: ctx.ruleSet.limits.callAnnouncement });
  await ctx.transition(SYSTEM, 'round.call-pending', 'CALL_PENDING', {
    deadlines: { callAnnouncement: deadline },
    openTasks: [{ kind: 'CALL_ANNOUNCEMENT', role: 'REVIEWER', departmentCode: ctx.callDepartment, deadline: 'callAnnouncement' }],
  });
  const announcement = await runHumanTask(ctx.wait, {
    open: () => ctx.notifyStaff({ role: 'REVIEWER', departmentCode: ctx.callDepartment }, announcementRequestNotice(ctx.code, ctx.input.clusterCode, due())),
    action: () => ctx.announcement,
    record: async (a) => ctx.take(a),
    deadline: { due, expire: () => ctx.overdue('thông báo công khai mời nhà đầu tư', due()) },
  });
  const window = await ctx.deadline('applicationWindow', announcement.announcedOn, ctx.ruleSet.limits.applicationWindow);
  const recorded = { announcedOn: announcement.announcedOn, publishedAt: announcement.publishedAt, by: announcement.actor };
  await ctx.transition(announcement.actor, 'round.call-announced', 'WINDOW_OPEN', { announcement: recorded, deadlines: { applicationWindow: window } }, { announcement: recorded });
  ctx.announcement = undefined;
}

/** Stage 2b: letters join while the window is open (handlers.ts admits them); the window closes at the end of its last day. */
async function applicationWindow(ctx: RoundContext): Promise<void> {
  const closesOn = () => (ctx.snapshot.deadlines.applicationWindow as Deadline).due;
  await ctx.wait(() => false, () => addDays(closesOn(), 1));
}

/** Stage 3: the PC sends the compiled dossiers to DOIT; only then does each admitted dossier's appraisal start. */
async function submissionToAppraisal(ctx: RoundContext): Promise<void> {
  const closedOn = (ctx.snapshot.deadlines.applicationWindow as Deadline).due;
  const deadline = await ctx.deadline('dossierSubmission', closedOn, ctx.ruleSet.limits.dossierSubmission);
  await ctx.transition(SYSTEM, 'round.window-closed', 'COMPILATION', {
    deadlines: { dossierSubmission: deadline },
    openTasks: [{ kind: 'DOSSIER_SUBMISSION', role: 'REVIEWER', departmentCode: ctx.callDepartment, deadline: 'dossierSubmission' }],
    detail: { applicants: ctx.snapshot.applicants.map((a) => a.code) },
  });
  const due = () => (ctx.snapshot.deadlines.dossierSubmission as Deadline).due;
  const submission = await runHumanTask(ctx.wait, {
    open: () => ctx.notifyStaff({ role: 'REVIEWER', departmentCode: ctx.callDepartment }, submissionRequestNotice(ctx.code, closedOn, due())),
    action: () => ctx.submission,
    record: async (s) => ctx.take(s),
    deadline: { due, expire: () => ctx.overdue('chuyển hồ sơ sang Sở Công Thương', due()) },
  });
  const submittedOn = ctx.time.today();
  await ctx.transition(submission.actor, 'round.dossiers-submitted', 'APPRAISAL', { submittedOn, detail: { dossiers: ctx.active() } }, { submittedOn });
  ctx.submission = undefined;
  for (const code of ctx.active()) {
    ctx.setStanding(code, 'IN_APPRAISAL');
    await getExternalWorkflowHandle(dossierWorkflowId(code)).signal(appraisalStartSignal, { submittedOn });
  }
}

/**
 * Stage 8: one report for the round, once every admitted dossier is scored, refused or withdrawn.
 * It is due when the latest appraisal clock of the round's dossiers runs out (each paused only for
 * its own supplements); it ranks the scored applicants with the rule set's tie-break.
 */
async function appraisalReport(ctx: RoundContext): Promise<RoundReportView> {
  const scored = [...ctx.scores.keys()];
  const latest = await acts.latestAppraisalDeadline({ codes: scored });
  const deadline = latest ?? (await ctx.deadline('report', ctx.time.today(), ctx.ruleSet.limits.appraisal));
  await ctx.transition(SYSTEM, 'round.report-pending', 'REPORT', {
    deadlines: { report: deadline },
    openTasks: [{ kind: 'APPRAISAL_REPORT', role: 'APPRAISER', deadline: 'report' }],
    detail: { scored },
  });
  const due = () => (ctx.snapshot.deadlines.report as Deadline).due;
  const report = await runHumanTask(ctx.wait, {
    open: () => ctx.notifyStaff({ role: 'APPRAISER' }, reportRequestNotice(ctx.code, due())),
    action: () => ctx.report,
    record: async (r) => ctx.take(r),
    deadline: { due, expire: () => ctx.overdue('báo cáo thẩm định', due()) },
  });
  ctx.report = undefined;
  const ranking = rankApplicants(ctx.ruleSet, { scores: [...ctx.scores.values()].flat(), chairProposal: report.chairProposal });
  return { by: report.actor, on: ctx.time.today(), summary: report.summary, ranking, proposed: ranking.winner ?? null };
}

/** Stage 9: the provincial PC decides once on the report; a RETURN asks for a revised report. */
async function provincialDecision(ctx: RoundContext, report: RoundReportView): Promise<'APPROVE' | 'REJECT' | 'RETURN'> {
  const deadline = await ctx.deadline('decision', report.on, ctx.ruleSet.limits.decision);
  await ctx.transition(
    report.by,
    'round.report-submitted',
    'DECISION',
    { report, deadlines: { decision: deadline }, openTasks: [{ kind: 'DECISION', role: 'MANAGER', deadline: 'decision' }] },
    { report, decision: null },
  );
  const due = () => (ctx.snapshot.deadlines.decision as Deadline).due;
  const decision = await runHumanTask(ctx.wait, {
    open: () => ctx.notifyStaff({ role: 'MANAGER' }, decisionRequestNotice(ctx.code, report.proposed as string, due(), ctx.snapshot.version)),
    action: () => ctx.decision,
    record: async (d) => ctx.take(d),
    deadline: { due, expire: () => ctx.overdue('quyết định lựa chọn chủ đầu tư', due()) },
  });
  ctx.decision = undefined;
  const view = { by: decision.actor, on: ctx.time.today(), outcome: decision.outcome, reason: decision.reason };
  if (decision.outcome === 'RETURN') {
    await ctx.transition(decision.actor, 'round.decision-return', 'REPORT', { decision: { ...view, winnerCode: null } }, { decision: view });
    return 'RETURN';
  }
  const winnerCode = decision.outcome === 'APPROVE' ? (report.proposed as string) : null;
  const stage = winnerCode ? 'DECIDED' : 'NO_INVESTOR';
  await ctx.transition(decision.actor, `round.decision-${decision.outcome.toLowerCase()}`, stage, { decision: { ...view, winnerCode } }, { decision: view });
  await tellApplicants(ctx, (code) =>
    code === winnerCode
      ? { outcome: 'APPROVED', reason: decision.reason }
      : winnerCode
        ? { outcome: 'NOT_SELECTED', reason: `UBND tỉnh đã chọn nhà đầu tư khác cho đợt lựa chọn ${ctx.code} (hồ sơ ${winnerCode}).` }
        : { outcome: 'REJECTED', reason: decision.reason },
  );
  if (winnerCode && patched(START_CLUSTER_MONITORING)) await startClusterMonitoring(ctx, winnerCode, decision.actor);
  return decision.outcome;
}

/** The round ends without an investor: every scored applicant is told, and the next letter for the cluster opens a new round. */
async function closeWithoutInvestor(ctx: RoundContext, reason: string, report?: RoundReportView): Promise<void> {
  await ctx.transition(report?.by ?? SYSTEM, 'round.closed-without-investor', 'NO_INVESTOR', { ...(report ? { report } : {}), detail: { reason } }, report ? { report } : {});
  await tellApplicants(ctx, () => ({ outcome: 'REJECTED', reason }));
}

async function tellApplicants(ctx: RoundContext, resultOf: (code: string) => Pick<RoundResultSignal, 'outcome' | 'reason'>): Promise<void> {
  const decidedOn = ctx.time.today();
  const decidedBy = ctx.snapshot.decision?.by ?? SYSTEM;
  for (const code of [...ctx.scores.keys()]) {
    await getExternalWorkflowHandle(dossierWorkflowId(code)).signal(roundResultSignal, { ...resultOf(code), decidedBy, decidedOn });
  }
}
