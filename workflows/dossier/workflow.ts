import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  uuid4,
} from '@temporalio/workflow';
import {
  pauseClock,
  rankApplicants,
  resumeClock,
  ruleSetById,
  screenApplicant,
  startClock,
  validateMemberScore,
  type Deadline,
  type IsoDate,
  type MemberScore,
  type RuleSet,
  type TimeLimit,
} from '../../domain';
import type { createActivities } from '../../activities';
import type { TransitionRecord } from '../../activities/dossier-records';
import { CLUSTER_CODE, DOSSIER_STAGE, DOSSIER_STATUS } from '../search-attributes';
import {
  awaitRegistrationUpdate,
  calendarChangedSignal,
  dossierWorkflowId,
  roundDecidedSignal,
  checkCompletenessUpdate,
  decideUpdate,
  giveOpinionUpdate,
  requestSupplementUpdate,
  screenApplicantUpdate,
  snapshotQuery,
  submitReportUpdate,
  submitScoreUpdate,
  submitSupplementUpdate,
  withdrawUpdate,
  type CompletenessCheckInput,
  type DecisionInput,
  type DossierSnapshot,
  type DossierStage,
  type DossierStatus,
  type DossierWorkflowInput,
  type OpinionInput,
  type OpinionTaskView,
  type ReportInput,
  type ScreeningInput,
  type SupplementInput,
  type SupplementRequestInput,
  type WithdrawInput,
} from './api';
import { runHumanTask, type Wait } from './human-task';
import {
  acknowledgementMail,
  decisionMail,
  lateRefusalMail,
  opinionReminderMails,
  opinionRequestMails,
  overdueMails,
  overdueNoticeMail,
  screeningRejectedMail,
  supplementRequestMail,
  withdrawnMail,
  type MailRequest,
} from './mails';
import { workflowTime, type WorkflowTime } from './time';

type Activities = ReturnType<typeof createActivities>;

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** A reviewer is reminded this many working days before the opinion deadline. */
const OPINION_REMINDER_WORKING_DAYS = 2;
const SYSTEM = 'system';

/** Thrown out of any wait once the applicant has withdrawn; the workflow then closes the dossier. */
class Withdrawn extends Error {}

/** Thrown out of any wait once another dossier of the round was approved; the workflow then closes this one. */
class RoundDecided extends Error {}

const fail = (message: string, type: string) => ApplicationFailure.nonRetryable(message, type);

/**
 * A stage whose step may stay open past its deadline: `key` names its deadline in the read model
 * (the new expected date goes under `<key>Revised`), `name` is how mails name it, `limit` is the
 * stage's own time limit.
 */
interface OverdueStage {
  key: 'departmentOpinion' | 'appraisal' | 'decision';
  name: string;
  limit: TimeLimit;
}

const withoutRemindOn = ({ from, due, amount, unit, skipped }: Deadline): Deadline => ({ from, due, amount, unit, skipped });

/**
 * One dossier through the procedure of Decree 32/2024 (shared/DOMAIN.md §2), for its own applicant:
 *
 *   filed → COMPLETENESS_CHECK ⇄ SUPPLEMENT_REQUESTED (ON_HOLD)
 *         → complete: appraisal clock starts, DEPARTMENT_OPINIONS (one task per consulted department,
 *           each with its deadline; silence at the deadline = deemed consent)
 *         → SCREENING (the appraiser may ask for a supplement: clock paused until it arrives, then
 *           the intake officer checks again) → ineligible: CLOSED / REFUSED
 *         → SCORING (council score sheets) → report → DECISION
 *         → APPROVE: MONITORING / APPROVED · REJECT: CLOSED / REJECTED · RETURN: APPRAISAL_REPORT /
 *           RETURNED, then a revised report and a new decision.
 *   Withdrawal (before the decision) closes it from any waiting point: CLOSED / WITHDRAWN.
 */
export async function dossierWorkflow(input: DossierWorkflowInput): Promise<DossierSnapshot> {
  const ruleSet = ruleSetById(input.ruleSetId);
  if (!ruleSet) throw fail(`Không có bộ quy tắc ${input.ruleSetId}.`, 'UnknownRuleSet');
  return new DossierProcedure(input, ruleSet).run();
}

class DossierProcedure {
  private readonly time: WorkflowTime;
  private snapshot: DossierSnapshot;
  private registered = false;
  // Actions the Update handlers deposit; the procedure alone records them.
  private completeness: CompletenessCheckInput | undefined;
  private supplement: SupplementInput | undefined;
  private supplementRequest: SupplementRequestInput | undefined;
  private withdrawal: WithdrawInput | undefined;
  private roundDecided: { winnerCode: string; decidedBy: string } | undefined;
  private screening: ScreeningInput | undefined;
  private report: ReportInput | undefined;
  private decision: DecisionInput | undefined;
  private readonly opinions = new Map<string, OpinionInput>();
  private readonly memberScores: MemberScore[] = [];
  private readonly scoringMembers = new Set<string>();
  private supplementRounds = 0;
  private decisions = 0;
  /** The chair's proposal of the last report (a tie-break policy may need it when the round is ranked again). */
  private chairProposal: string | undefined;
  /** Calendar changes signalled, and how many times the deadlines were recomputed (waits re-arm on it). */
  private calendarChanges = 0;
  private deadlineEpoch = 0;
  private finished = false;
  /** Serialises read-model writes: a deadline recomputation never interleaves with a transition. */
  private lock: Promise<void> = Promise.resolve();

  constructor(
    private readonly input: DossierWorkflowInput,
    private readonly ruleSet: RuleSet,
  ) {
    this.time = workflowTime(input.filedOn, input.msPerDay);
    this.snapshot = {
      code: input.code,
      stage: 'COMPLETENESS_CHECK',
      status: 'ACTIVE',
      version: 0,
      deadlines: {},
      clock: null,
      missing: [],
      opinionTasks: [],
      screening: null,
      scores: [],
      report: null,
      decision: null,
    };
  }

  async run(): Promise<DossierSnapshot> {
    this.setHandlers();
    upsertSearchAttributes([
      { key: CLUSTER_CODE, value: this.input.clusterCode },
      { key: DOSSIER_STAGE, value: this.snapshot.stage },
      { key: DOSSIER_STATUS, value: this.snapshot.status },
    ]);
    const admission = await acts.recordDossierFiled(this.input);
    if (admission?.admitted === false) {
      // Stage 2: a letter after the round's window closed is refused with its reason.
      this.snapshot = { ...this.snapshot, stage: 'CLOSED', status: 'REFUSED' };
      this.registered = true;
      upsertSearchAttributes([
        { key: DOSSIER_STAGE, value: this.snapshot.stage },
        { key: DOSSIER_STATUS, value: this.snapshot.status },
      ]);
      await acts.sendMail(lateRefusalMail(this.input, admission.reason ?? ''));
      await condition(allHandlersFinished);
      return this.snapshot;
    }
    this.registered = true;
    await acts.sendMail(acknowledgementMail(this.input));

    const recomputation = this.recomputeDeadlinesOnCalendarChange();
    try {
      await this.intake();
      await this.departmentOpinions();
      if (await this.eligibilityScreening()) await this.scoringReportAndDecision();
    } catch (error) {
      if (error instanceof Withdrawn) await this.closeWithdrawn();
      else if (error instanceof RoundDecided) await this.closeOutranked();
      else throw error;
    }
    this.finished = true;
    await recomputation;
    await condition(allHandlersFinished);
    return this.snapshot;
  }

  // ---------------------------------------------------------------------------------------------
  // The procedure, step by step
  // ---------------------------------------------------------------------------------------------

  /** Stage 4: the intake officer checks; supplements until complete; then the appraisal starts. */
  private async intake(): Promise<void> {
    const check = await this.untilComplete();
    const today = this.time.today();
    const clock = startClock(this.ruleSet.limits.appraisal, today);
    const clockNow = await acts.appraisalClockStatus({ clock, today });
    const opinionDeadline = await acts.computeDeadline({
      from: today,
      limit: this.ruleSet.limits.departmentOpinion,
      remindWorkingDaysBefore: OPINION_REMINDER_WORKING_DAYS,
    });
    const { remindOn, ...deadline } = opinionDeadline;
    // A department dissolved by the day the tasks open is consulted through its successor (DPI → DOF, …),
    // each department once; one that cannot be resolved fails non-retryably, naming it. Dossiers that
    // opened their tasks before this existed replay with the rule set's codes.
    const consulted = patched('department-successors')
      ? await acts.consultedDepartmentsOn({ codes: [...this.ruleSet.consultedDepartments], on: today })
      : null;
    const departmentCodes = consulted ? consulted.map((d) => d.code) : this.ruleSet.consultedDepartments;
    const tasks: OpinionTaskView[] = departmentCodes.map((departmentCode) => ({
      taskId: uuid4(),
      departmentCode,
      status: 'OPEN',
      version: 1,
      deadline,
    }));
    await this.transition(
      check.actor,
      'dossier.complete',
      'DEPARTMENT_OPINIONS',
      'ACTIVE',
      {
        clock,
      deadlines: { appraisal: clockNow.deadline },
      openTasks: tasks.map((t) => ({ id: t.taskId, departmentCode: t.departmentCode, deadline: t.deadline })),
        detail: { clockStartedOn: today, appraisalDue: clockNow.due, ...(consulted ? { consultedDepartments: consulted } : {}) },
      },
      { clock, opinionTasks: tasks },
    );
    for (const task of tasks) if (remindOn) this.remindOn.set(task.taskId, remindOn);
  }

  /** Reminder day of each open opinion task. */
  private readonly remindOn = new Map<string, IsoDate>();

  /** Stage 5: every consulted department in parallel, each task with its own deadline. */
  private async departmentOpinions(): Promise<void> {
    await Promise.all(this.snapshot.opinionTasks.map((task) => this.opinionTask(task.taskId)));
    await this.transition(SYSTEM, 'opinions.collected', 'SCREENING', 'ACTIVE', {
      detail: { opinions: this.snapshot.opinionTasks.map((t) => ({ departmentCode: t.departmentCode, verdict: t.verdict })) },
    });
  }

  private opinionTask(taskId: string): Promise<NonNullable<OpinionTaskView['verdict']>> {
    const view = () => this.snapshot.opinionTasks.find((t) => t.taskId === taskId) as OpinionTaskView;
    const { departmentCode } = view();
    const due = () => view().deadline.due;
    /** Records the answer (or deemed consent); the task's result is its verdict. */
    const close = async (actor: string, verdict: NonNullable<OpinionTaskView['verdict']>, text: string) => {
      await acts.closeOpinionTask({ code: this.input.code, taskId, actor, verdict, text });
      this.updateTask(taskId, { status: verdict === 'DEEMED_CONSENT' ? 'DEEMED' : 'DONE', verdict, version: view().version + 1 });
      return verdict;
    };
    return runHumanTask(this.wait, {
      open: async () => this.notifyStaff({ role: 'REVIEWER', departmentCode }, (to) => opinionRequestMails(this.input, departmentCode, due(), to)),
      action: () => this.opinions.get(taskId),
      record: (opinion) => close(opinion.actor, opinion.verdict, opinion.text),
      deadline: {
        due,
        remindOn: () => this.remindOn.get(taskId) ?? null,
        remind: async () => {
          await acts.markTaskReminded({ code: this.input.code, taskId, on: this.time.today() });
          await this.notifyStaff({ role: 'REVIEWER', departmentCode }, (to) => opinionReminderMails(this.input, departmentCode, due(), to));
        },
        // Provincial practice (rule set): no answer by the deadline counts as consent.
        expire: async () => {
          if (!this.ruleSet.silenceMeansConsent) {
            await this.notifyStaff({ role: 'MANAGER' }, (to) => overdueMails(this.input, `ý kiến ${departmentCode}`, due(), to));
            // One notice for the whole opinion stage, however many departments are late.
            if (patched('overdue-applicant-notice')) await this.noticeApplicantOfOverdue(this.stages.departmentOpinion, due());
            return undefined;
          }
          return close(SYSTEM, 'DEEMED_CONSENT', 'Không có ý kiến trong thời hạn: coi như đồng ý.');
        },
      },
    });
  }

  /** Stage 6: the appraiser screens; may first ask for a supplement (the appraisal clock stops). */
  private async eligibilityScreening(): Promise<boolean> {
    for (;;) {
      const step = await runHumanTask(this.wait, {
        open: async () => undefined,
        action: () => this.screening ?? this.supplementRequest,
        record: async (action) => action,
      });
      if ('missing' in step) {
        this.supplementRequest = undefined;
        await this.awaitSupplement(step.actor, step.missing);
        await this.untilComplete('SCREENING');
        continue;
      }
      const result = screenApplicant(this.ruleSet, step.facts);
      if (result.eligible) {
        await this.transition(step.actor, 'screening.passed', 'SCORING', 'ACTIVE', { facts: step.facts, screening: result }, { screening: result });
      } else {
        await this.transition(
          step.actor,
          'screening.failed',
          'CLOSED',
          'REFUSED',
          { facts: step.facts, screening: result, detail: { failures: result.failures } },
          { screening: result },
        );
        await acts.sendMail(screeningRejectedMail(this.input, result.failures));
      }
      // Pending until its transition is recorded: meanwhile the validators refuse a withdrawal (the
      // dossier may close here, and nothing would then record it).
      this.screening = undefined;
      return result.eligible;
    }
  }

  /** Stages 7–9: council scores (Updates recorded as they come), the report, the decision (RETURN loops). */
  private async scoringReportAndDecision(): Promise<void> {
    for (;;) {
      const appraisalDue = () => (this.snapshot.deadlines.appraisal as Deadline).due;
      await runHumanTask(this.wait, {
        open: async () => undefined,
        action: () => this.report,
        record: (report) => this.recordReport(report),
        deadline: { due: appraisalDue, expire: () => this.overdue(this.stages.appraisal, appraisalDue()) },
      });
      const decisionDue = () => (this.snapshot.deadlines.decision as Deadline).due;
      const decision = await runHumanTask(this.wait, {
        open: async () => undefined,
        action: () => this.decision,
        record: (decision) => this.recordDecision(decision),
        deadline: { due: decisionDue, expire: () => this.overdue(this.stages.decision, decisionDue()) },
      });
      if (decision.outcome !== 'RETURN') return;
    }
  }

  private async recordReport(report: ReportInput): Promise<void> {
    this.chairProposal = report.chairProposal;
    // The report stays pending until its transition is recorded: meanwhile the validators refuse a
    // score sheet (it would miss the ranking) and a withdrawal.
    // The round's applicants are ranked together (every scored dossier of the round).
    const round = await acts.roundScores({ code: this.input.code });
    const ranking = rankApplicants(this.ruleSet, { scores: round.scores, chairProposal: report.chairProposal });
    const today = this.time.today();
    const proposed = ranking.winner === this.input.code;
    const decision = withoutRemindOn(await acts.computeDeadline({ from: today, limit: this.ruleSet.limits.decision }));
    await this.transition(
      report.actor,
      'report.submitted',
      'DECISION',
      'ACTIVE',
      // A new decision deadline supersedes the previous round's revised one (only set on the patched path).
      { deadlines: { decision, ...(this.overdueNotices.has('decision') ? { decisionRevised: null } : {}) }, detail: { summary: report.summary, proposed, ranking, unscoredApplicants: round.unscored } },
      { report: { by: report.actor, on: today, summary: report.summary, ranking, proposed, unscoredApplicants: round.unscored } },
    );
    this.report = undefined;
  }

  private async recordDecision(decision: DecisionInput): Promise<DecisionInput> {
    this.decision = undefined;
    this.decisions += 1;
    const next: Record<DecisionInput['outcome'], [DossierStage, DossierStatus]> = {
      APPROVE: ['MONITORING', 'APPROVED'],
      REJECT: ['CLOSED', 'REJECTED'],
      RETURN: ['APPRAISAL_REPORT', 'RETURNED'],
    };
    const [stage, status] = next[decision.outcome];
    await this.transition(
      decision.actor,
      `decision.${decision.outcome.toLowerCase()}`,
      stage,
      status,
      {
        decision: { outcome: decision.outcome, reason: decision.reason, winner: decision.outcome === 'APPROVE' },
        ...(decision.outcome === 'RETURN' ? { deadlines: { decision: null } } : {}),
        detail: { reason: decision.reason },
      },
      { decision: { by: decision.actor, on: this.time.today(), outcome: decision.outcome, reason: decision.reason } },
    );
    if (decision.outcome !== 'RETURN') await acts.sendMail(decisionMail(this.input, this.decisions, decision.outcome, decision.reason));
    if (decision.outcome === 'APPROVE') await this.tellRoundCompetitors(decision.actor);
    return decision;
  }

  // ---------------------------------------------------------------------------------------------
  // Completeness and supplements
  // ---------------------------------------------------------------------------------------------

  /**
   * The intake officer checks until the dossier is complete; each "not complete" asks the applicant
   * for a supplement. Before the appraisal (`resumeStage` undefined) the caller records completion;
   * during it the dossier returns to `resumeStage`.
   */
  private async untilComplete(resumeStage?: DossierStage): Promise<CompletenessCheckInput> {
    for (;;) {
      const check = await runHumanTask(this.wait, {
        open: async () => undefined,
        action: () => this.completeness,
        record: async (check) => {
          this.completeness = undefined;
          return check;
        },
      });
      if (!check.complete) {
        await this.awaitSupplement(check.actor, check.missing ?? []);
        continue;
      }
      if (resumeStage) await this.transition(check.actor, 'dossier.complete', resumeStage, 'ACTIVE');
      return check;
    }
  }

  /** Asks the applicant for `missing` (the clock stops if it runs), waits, restarts the clock on arrival. */
  private async awaitSupplement(actor: string, missing: string[]): Promise<void> {
    const today = this.time.today();
    this.supplementRounds += 1;
    const clock = this.snapshot.clock ? pauseClock(this.snapshot.clock, today, `Chờ bổ sung hồ sơ: ${missing.join('; ')}`) : null;
    await this.transition(
      actor,
      'dossier.supplement-requested',
      'SUPPLEMENT_REQUESTED',
      'ON_HOLD',
      { ...(clock ? { clock } : {}), detail: { missing, ...(clock ? { clockPausedOn: today } : {}) } },
      { missing, clock },
    );
    await acts.sendMail(supplementRequestMail(this.input, this.supplementRounds, missing, today));

    const supplement = await runHumanTask(this.wait, {
      open: async () => undefined,
      action: () => this.supplement,
      record: async (supplement) => supplement,
    });
    this.supplement = undefined;
    const receivedOn = this.time.today();
    const resumed = clock ? resumeClock(clock, receivedOn) : null;
    const status = resumed ? await acts.appraisalClockStatus({ clock: resumed, today: receivedOn }) : null;
    await this.transition(
      supplement.actor,
      'dossier.supplement-received',
      'COMPLETENESS_CHECK',
      'ACTIVE',
      {
        ...(resumed && status ? { clock: resumed, deadlines: { appraisal: status.deadline } } : {}),
        detail: { documents: supplement.documents, ...(resumed ? { clockResumedOn: receivedOn, appraisalDue: status?.due } : {}) },
      },
      { missing: [], clock: resumed },
    );
  }

  /** Stage 9: "every applicant is told the result": the round's other open dossiers close. */
  private async tellRoundCompetitors(decidedBy: string): Promise<void> {
    for (const code of await acts.roundCompetitors({ code: this.input.code })) {
      try {
        await getExternalWorkflowHandle(dossierWorkflowId(code)).signal(roundDecidedSignal, { winnerCode: this.input.code, decidedBy });
      } catch {
        // A dossier whose workflow already ended has nothing left to close.
      }
    }
  }

  private async closeOutranked(): Promise<void> {
    const { winnerCode, decidedBy } = this.roundDecided as { winnerCode: string; decidedBy: string };
    const reason = `UBND tỉnh đã chọn nhà đầu tư khác cho đợt lựa chọn này (hồ sơ ${winnerCode}).`;
    await this.transition(decidedBy, 'dossier.round-decided', 'CLOSED', 'REJECTED', { cancelOpenTasks: true, detail: { winnerCode, reason } }, {
      opinionTasks: this.snapshot.opinionTasks.map((t) => (t.status === 'OPEN' ? { ...t, status: 'CANCELLED', version: t.version + 1 } : t)),
    });
    await acts.sendMail(decisionMail(this.input, this.decisions + 1, 'REJECT', reason));
  }

  private async closeWithdrawn(): Promise<void> {
    const withdrawal = this.withdrawal as WithdrawInput;
    await this.transition(
      withdrawal.actor,
      'dossier.withdrawn',
      'CLOSED',
      'WITHDRAWN',
      { cancelOpenTasks: true, detail: { reason: withdrawal.reason } },
      { opinionTasks: this.snapshot.opinionTasks.map((t) => (t.status === 'OPEN' ? { ...t, status: 'CANCELLED', version: t.version + 1 } : t)) },
    );
    await acts.sendMail(withdrawnMail(this.input));
  }

  // ---------------------------------------------------------------------------------------------
  // Calendar changes (DOMAIN.md §4: due dates are recomputed on every calendar change)
  // ---------------------------------------------------------------------------------------------

  private async recomputeDeadlinesOnCalendarChange(): Promise<void> {
    let handled = 0;
    for (;;) {
      await condition(() => this.calendarChanges > handled || this.finished);
      if (this.finished) return;
      handled = this.calendarChanges;
      await this.exclusive(() => this.recomputeDeadlines());
      this.deadlineEpoch += 1;
    }
  }

  /** The open deadlines again, with the calendar in force; what moved is stored and audited. */
  private async recomputeDeadlines(): Promise<void> {
    if (this.closed()) return;
    const today = this.time.today();
    const deadlines: Record<string, Deadline> = {};
    const { clock, stage } = this.snapshot;
    if (clock && this.snapshot.deadlines.appraisal && ['DEPARTMENT_OPINIONS', 'SUPPLEMENT_REQUESTED', 'COMPLETENESS_CHECK', 'SCREENING', 'SCORING', 'APPRAISAL_REPORT'].includes(stage)) {
      deadlines.appraisal = (await acts.appraisalClockStatus({ clock, today })).deadline;
    }
    const decision = this.snapshot.deadlines.decision;
    if (decision && stage === 'DECISION') {
      deadlines.decision = withoutRemindOn(await acts.computeDeadline({ from: decision.from, limit: this.ruleSet.limits.decision }));
    }
    // A new expected date told to the applicant follows the calendar too, while its step is still open.
    const revisedOpenAt: Record<OverdueStage['key'], DossierStage[]> = {
      departmentOpinion: ['DEPARTMENT_OPINIONS'],
      appraisal: ['SCORING', 'APPRAISAL_REPORT'],
      decision: ['DECISION'],
    };
    for (const overdue of Object.values(this.stages)) {
      const revised = this.snapshot.deadlines[`${overdue.key}Revised`];
      if (!revised || !revisedOpenAt[overdue.key].includes(stage)) continue;
      deadlines[`${overdue.key}Revised`] = withoutRemindOn(await acts.computeDeadline({ from: revised.from, limit: overdue.limit }));
    }
    const open = this.snapshot.opinionTasks.filter((t) => t.status === 'OPEN');
    const tasks: { taskId: string; deadline: Deadline; remindOn: IsoDate | null }[] = [];
    for (const task of open) {
      const { remindOn, ...deadline } = await acts.computeDeadline({
        from: task.deadline.from,
        limit: this.ruleSet.limits.departmentOpinion,
        remindWorkingDaysBefore: OPINION_REMINDER_WORKING_DAYS,
      });
      tasks.push({ taskId: task.taskId, deadline, remindOn });
    }
    await acts.recordDeadlines({ code: this.input.code, actor: SYSTEM, deadlines, tasks: tasks.map(({ taskId, deadline }) => ({ taskId, deadline })) });
    this.snapshot = {
      ...this.snapshot,
      deadlines: { ...this.snapshot.deadlines, ...deadlines },
      opinionTasks: this.snapshot.opinionTasks.map((t) => {
        const changed = tasks.find((c) => c.taskId === t.taskId);
        return changed && t.status === 'OPEN' ? { ...t, deadline: changed.deadline } : t;
      }),
    };
    for (const task of tasks) {
      if (task.remindOn) this.remindOn.set(task.taskId, task.remindOn);
      else this.remindOn.delete(task.taskId);
    }
  }

  private async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const previous = this.lock;
    let release: () => void = () => undefined;
    this.lock = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    try {
      return await fn();
    } finally {
      release();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Plumbing: waits, transitions, notifications
  // ---------------------------------------------------------------------------------------------

  /**
   * Waits for `ready` or until the day `until()` begins; a withdrawal ends any wait. When the
   * deadlines are recomputed (calendar change) the timer is armed again for the new date.
   */
  private readonly wait: Wait = async (ready, until) => {
    for (;;) {
      const epoch = this.deadlineEpoch;
      const done = () => ready() || this.withdrawal !== undefined || this.roundDecided !== undefined || this.deadlineEpoch !== epoch;
      if (until === undefined) {
        await condition(done);
      } else {
        const ms = this.time.msUntil(until());
        if (ms > 0) await condition(done, ms);
      }
      if (this.withdrawal) throw new Withdrawn();
      if (this.roundDecided) throw new RoundDecided();
      if (ready()) return true;
      if (this.deadlineEpoch === epoch) return false;
    }
  };

  /** One state change: read model and audit in one transaction (an activity), then snapshot and search attributes. */
  private async transition(
    actor: string,
    action: string,
    stage: DossierStage,
    status: DossierStatus,
    extra: Omit<TransitionRecord, 'code' | 'actor' | 'action' | 'after'> = {},
    view: Partial<DossierSnapshot> = {},
  ): Promise<void> {
    await this.exclusive(() => this.recordTransition(actor, action, stage, status, extra, view));
  }

  private async recordTransition(
    actor: string,
    action: string,
    stage: DossierStage,
    status: DossierStatus,
    extra: Omit<TransitionRecord, 'code' | 'actor' | 'action' | 'after'>,
    view: Partial<DossierSnapshot>,
  ): Promise<void> {
    const after = { stage, status, version: this.snapshot.version + 1 };
    await acts.recordTransition({ code: this.input.code, actor, action, after, ...extra });
    const deadlines = { ...this.snapshot.deadlines };
    for (const [name, deadline] of Object.entries(extra.deadlines ?? {})) {
      if (deadline === null) delete deadlines[name];
      else deadlines[name] = deadline;
    }
    const changed = stage !== this.snapshot.stage || status !== this.snapshot.status;
    this.snapshot = { ...this.snapshot, ...view, ...after, deadlines };
    if (changed) {
      upsertSearchAttributes([
        { key: DOSSIER_STAGE, value: stage },
        { key: DOSSIER_STATUS, value: status },
      ]);
    }
  }

  private updateTask(taskId: string, change: Partial<OpinionTaskView>): void {
    this.snapshot = { ...this.snapshot, opinionTasks: this.snapshot.opinionTasks.map((t) => (t.taskId === taskId ? { ...t, ...change } : t)) };
  }

  private async notifyStaff(query: Parameters<Activities['staffRecipients']>[0], mails: (to: string[]) => MailRequest[]): Promise<void> {
    const to = await acts.staffRecipients(query);
    await Promise.all(mails(to).map((mail) => acts.sendMail(mail)));
  }

  /** A step past its deadline stays open; the managers are told once, the applicant gets an apology notice. */
  private async overdue(stage: OverdueStage, due: IsoDate): Promise<undefined> {
    await this.notifyStaff({ role: 'MANAGER' }, (to) => overdueMails(this.input, stage.name, due, to));
    // Dossiers recorded before the applicant's notice existed replay without it.
    if (patched('overdue-applicant-notice')) await this.noticeApplicantOfOverdue(stage, due);
    return undefined;
  }

  /** The stages that can be overdue, with the names the mails use and their own time limits. */
  private get stages(): Record<OverdueStage['key'], OverdueStage> {
    const { limits } = this.ruleSet;
    return {
      departmentOpinion: { key: 'departmentOpinion', name: 'ý kiến của các sở, ngành', limit: limits.departmentOpinion },
      appraisal: { key: 'appraisal', name: 'báo cáo thẩm định', limit: limits.appraisal },
      decision: { key: 'decision', name: 'quyết định', limit: limits.decision },
    };
  }

  /** Per overdue stage, the due dates whose apology notice went out (one notice per stage and missed date). */
  private readonly overdueNotices = new Map<OverdueStage['key'], IsoDate[]>();

  /**
   * The applicant's apology notice ("thư xin lỗi", DOMAIN.md §2) for a stage past its deadline.
   * Decision (workflows/README.md): the new expected date is the overdue stage's own time limit
   * counted again from the day the overdue is detected, on the calendar in force. The deadline
   * activity computes it (never the wall clock here); the read model stores it as
   * `deadlines.<stage>Revised`, explained by its skipped days, with its `dossier.overdue-notice`
   * audit record in the same transaction; then the mail goes out under its own idempotency key.
   */
  private async noticeApplicantOfOverdue(stage: OverdueStage, missedDue: IsoDate): Promise<void> {
    const missed = this.overdueNotices.get(stage.key) ?? [];
    if (missed.includes(missedDue)) return;
    // Marked before the first await: parallel opinion tasks expiring together send one notice.
    this.overdueNotices.set(stage.key, [...missed, missedDue]);
    const n = missed.length + 1;
    const revised = withoutRemindOn(await acts.computeDeadline({ from: this.time.today(), limit: stage.limit }));
    await this.exclusive(async () => {
      await acts.recordOverdueNotice({ code: this.input.code, actor: SYSTEM, stage: stage.key, missedDue, revised, n });
      this.snapshot = { ...this.snapshot, deadlines: { ...this.snapshot.deadlines, [`${stage.key}Revised`]: revised } };
    });
    await acts.sendMail(overdueNoticeMail(this.input, stage, n, missedDue, revised));
  }

  private closed(): boolean {
    return this.snapshot.stage === 'CLOSED' || this.snapshot.stage === 'MONITORING';
  }

  /** Waits until the procedure moved past `version`, or throws when the dossier closed first. */
  private async settled(version: number): Promise<DossierSnapshot> {
    await condition(() => this.snapshot.version > version || this.closed());
    if (this.snapshot.version <= version) throw fail('Hồ sơ đã đóng.', 'DossierClosed');
    return this.snapshot;
  }

  // ---------------------------------------------------------------------------------------------
  // Messages. Validators are synchronous (an async one would not reject the caller); handlers only
  // deposit the action and wait for the procedure to record it.
  // ---------------------------------------------------------------------------------------------

  private setHandlers(): void {
    setHandler(snapshotQuery, () => this.snapshot);
    setHandler(calendarChangedSignal, () => {
      this.calendarChanges += 1;
    });
    setHandler(roundDecidedSignal, (decided) => {
      if (!this.closed() && decided.winnerCode !== this.input.code) this.roundDecided ??= decided;
    });
    setHandler(awaitRegistrationUpdate, async () => {
      await condition(() => this.registered);
      return this.snapshot;
    });

    setHandler(
      checkCompletenessUpdate,
      async (check) => {
        this.completeness = check;
        return this.settled(check.expectedVersion);
      },
      {
        validator: (check) => {
          this.expectState(['COMPLETENESS_CHECK'], this.completeness, 'Hồ sơ không ở bước kiểm tra tính đầy đủ.');
          this.expectVersion(check.expectedVersion);
          this.expectActor(check.actor);
          if (!check.complete && !(check.missing && check.missing.length > 0)) {
            throw fail('Yêu cầu bổ sung phải liệt kê tài liệu còn thiếu.', 'MissingList');
          }
        },
      },
    );

    setHandler(
      requestSupplementUpdate,
      async (request) => {
        this.supplementRequest = request;
        return this.settled(request.expectedVersion);
      },
      {
        validator: (request) => {
          this.expectState(['SCREENING'], this.supplementRequest ?? this.screening, 'Chỉ yêu cầu bổ sung trong khi thẩm định (bước sơ tuyển).');
          this.expectVersion(request.expectedVersion);
          this.expectActor(request.actor);
          if (!(request.missing?.length > 0)) throw fail('Yêu cầu bổ sung phải liệt kê tài liệu còn thiếu.', 'MissingList');
        },
      },
    );

    setHandler(
      submitSupplementUpdate,
      async (supplement) => {
        const version = this.snapshot.version;
        this.supplement = supplement;
        return this.settled(version);
      },
      {
        validator: (supplement) => {
          if (this.snapshot.stage !== 'SUPPLEMENT_REQUESTED' || this.supplement || this.withdrawal || this.roundDecided) {
            throw fail('Hồ sơ không ở trạng thái chờ bổ sung.', 'WrongStage');
          }
          this.expectActor(supplement.actor);
          if (!(supplement.documents?.length > 0)) throw fail('Phải nêu tài liệu bổ sung.', 'NoDocuments');
        },
      },
    );

    setHandler(
      withdrawUpdate,
      async (withdrawal) => {
        this.withdrawal = withdrawal;
        // Waits for the dossier to close: the workflow ends once every handler has finished, so a
        // dossier that closed otherwise must end this handler too.
        await condition(() => this.closed());
        if (this.snapshot.status !== 'WITHDRAWN') throw fail(`Hồ sơ đã đóng (${this.snapshot.status}) trước khi việc rút hồ sơ được ghi nhận.`, 'DossierClosed');
        return this.snapshot;
      },
      {
        validator: (withdrawal) => {
          const open: DossierStage[] = ['COMPLETENESS_CHECK', 'SUPPLEMENT_REQUESTED', 'DEPARTMENT_OPINIONS', 'SCREENING', 'SCORING', 'APPRAISAL_REPORT'];
          if (!open.includes(this.snapshot.stage) || this.withdrawal || this.roundDecided || this.screening || this.report) {
            throw fail('Không thể rút hồ sơ ở bước này.', 'WrongStage');
          }
          this.expectActor(withdrawal.actor);
        },
      },
    );

    setHandler(
      giveOpinionUpdate,
      async (opinion) => {
        const task = this.snapshot.opinionTasks.find((t) => t.departmentCode === opinion.departmentCode) as OpinionTaskView;
        this.opinions.set(task.taskId, opinion);
        await condition(() => this.taskOf(task.taskId).status !== 'OPEN');
        const closed = this.taskOf(task.taskId);
        if (closed.status !== 'DONE') throw fail(`Nhiệm vụ đã đóng (${closed.status}) trước khi ý kiến được ghi nhận.`, 'TaskClosed');
        return closed;
      },
      { validator: (opinion) => this.validateOpinion(opinion) },
    );

    setHandler(
      screenApplicantUpdate,
      async (screening) => {
        this.screening = screening;
        return this.settled(screening.expectedVersion);
      },
      {
        validator: (screening) => {
          this.expectState(['SCREENING'], this.screening ?? this.supplementRequest, 'Hồ sơ không ở bước sơ tuyển.');
          this.expectVersion(screening.expectedVersion);
          this.expectActor(screening.actor);
          try {
            screenApplicant(this.ruleSet, screening.facts);
          } catch (error) {
            throw fail(error instanceof Error ? error.message : String(error), 'InvalidFacts');
          }
        },
      },
    );

    setHandler(
      submitScoreUpdate,
      async (score) => {
        this.scoringMembers.add(score.actor);
        try {
          if (!(await acts.userExists(score.actor))) throw fail(`Không có thành viên Hội đồng ${score.actor}.`, 'UnknownUser');
          const total = Object.values(score.criteria).reduce((a, b) => a + b, 0);
          await acts.recordScore({ code: this.input.code, actor: score.actor, councilRole: score.councilRole, criteria: score.criteria, total });
          this.memberScores.push({ memberId: score.actor, role: score.councilRole, applicantId: this.input.code, criteria: score.criteria });
          const view = { member: score.actor, councilRole: score.councilRole, total };
          this.snapshot = { ...this.snapshot, scores: [...this.snapshot.scores, view] };
          return view;
        } catch (error) {
          this.scoringMembers.delete(score.actor);
          throw error;
        }
      },
      {
        validator: (score) => {
          // Once a report is pending its ranking is being computed: a later sheet would be stored but left out.
          this.expectState(['SCORING'], this.report, 'Hồ sơ không ở bước chấm điểm.');
          this.expectActor(score.actor);
          if (this.scoringMembers.has(score.actor)) throw fail(`${score.actor} đã chấm điểm hồ sơ này.`, 'DuplicateScore');
          const errors = validateMemberScore(this.ruleSet, { memberId: score.actor, role: score.councilRole, applicantId: this.input.code, criteria: score.criteria });
          if (errors.length) throw fail(errors.join('; '), 'InvalidScore');
        },
      },
    );

    setHandler(
      submitReportUpdate,
      async (report) => {
        this.report = report;
        return this.settled(report.expectedVersion);
      },
      {
        validator: (report) => {
          this.expectState(['SCORING', 'APPRAISAL_REPORT'], this.report, 'Hồ sơ không ở bước lập báo cáo thẩm định.');
          this.expectVersion(report.expectedVersion);
          this.expectActor(report.actor);
          if (this.memberScores.length === 0) throw fail('Chưa có phiếu chấm điểm nào của Hội đồng.', 'NoScores');
          if (this.scoringMembers.size !== this.memberScores.length) throw fail('Còn phiếu chấm điểm đang được ghi nhận.', 'ScoringInProgress');
          if (!(report.summary?.trim())) throw fail('Báo cáo thẩm định phải có nội dung.', 'EmptyReport');
        },
      },
    );

    setHandler(
      decideUpdate,
      async (decision) => {
        if (!(await acts.userExists(decision.actor))) throw fail(`Không có người dùng ${decision.actor}.`, 'UnknownUser');
        // The report's proposal is fixed when it was submitted: the round is ranked again now. Decisions
        // recorded before this check existed replay without it.
        if (decision.outcome === 'APPROVE' && patched('approve-rechecks-winner')) await this.expectRoundWinner();
        if (this.decision || this.snapshot.version !== decision.expectedVersion) throw fail('Hồ sơ đã thay đổi, tải lại rồi thử lại.', 'StaleVersion');
        this.decision = decision;
        return this.settled(decision.expectedVersion);
      },
      {
        validator: (decision) => {
          this.expectState(['DECISION'], this.decision, 'Hồ sơ không ở bước quyết định.');
          this.expectVersion(decision.expectedVersion);
          this.expectActor(decision.actor);
          if (!['APPROVE', 'REJECT', 'RETURN'].includes(decision.outcome)) throw fail(`Quyết định không hợp lệ: ${String(decision.outcome)}`, 'InvalidOutcome');
          if (decision.outcome === 'APPROVE' && !this.snapshot.report?.proposed) {
            throw fail(
              `Không thể chấp thuận: báo cáo thẩm định không đề xuất nhà đầu tư này (${this.snapshot.report?.ranking.noWinnerReason ?? 'không phải nhà đầu tư được đề xuất'}).`,
              'NotProposed',
            );
          }
          if (decision.outcome !== 'APPROVE' && !decision.reason?.trim()) throw fail('Phải nêu lý do.', 'NoReason');
        },
      },
    );
  }

  /** Approval needs this dossier to win the round as ranked now, with every open dossier of the round scored. */
  private async expectRoundWinner(): Promise<void> {
    const round = await acts.roundScores({ code: this.input.code });
    if (round.unscored.length > 0) {
      throw fail(`Không thể chấp thuận: còn hồ sơ của đợt lựa chọn chưa được chấm điểm (${round.unscored.join(', ')}).`, 'RoundNotRanked');
    }
    const ranking = rankApplicants(this.ruleSet, { scores: round.scores, chairProposal: this.chairProposal });
    if (ranking.winner !== this.input.code) {
      const why = ranking.winner ? `hồ sơ ${ranking.winner} đứng đầu đợt lựa chọn` : (ranking.noWinnerReason ?? 'không có nhà đầu tư đạt yêu cầu');
      throw fail(`Không thể chấp thuận: hồ sơ này không còn là nhà đầu tư được đề xuất (${why}).`, 'NotProposed');
    }
  }

  private taskOf(taskId: string): OpinionTaskView {
    return this.snapshot.opinionTasks.find((t) => t.taskId === taskId) as OpinionTaskView;
  }

  private validateOpinion(opinion: OpinionInput): void {
    this.expectActor(opinion.actor);
    const task = this.snapshot.opinionTasks.find((t) => t.departmentCode === opinion.departmentCode);
    if (!task && this.snapshot.opinionTasks.length === 0 && !this.closed()) {
      // The opinion tasks are not opened yet (the read model may already show them while the workflow
      // records their opening): a conflict to retry, not someone else's task.
      throw ApplicationFailure.retryable(`Nhiệm vụ cho ý kiến của ${opinion.departmentCode} chưa được mở; vui lòng thử lại sau ít phút.`, 'NotOpenYet');
    }
    if (!task) {
      throw fail(`${opinion.departmentCode} không thuộc các sở, ngành được hỏi ý kiến về hồ sơ này.`, 'WrongDepartment');
    }
    if (task.status !== 'OPEN' || this.opinions.has(task.taskId) || this.withdrawal || this.roundDecided || this.closed()) {
      throw fail(`Nhiệm vụ cho ý kiến của ${opinion.departmentCode} đã đóng.`, 'TaskClosed');
    }
    if (opinion.taskVersion !== task.version) {
      throw fail(`Phiên bản nhiệm vụ đã cũ: bạn xem phiên bản ${opinion.taskVersion}, hiện là ${task.version}.`, 'StaleVersion');
    }
    if (!['AGREE', 'AGREE_WITH_CONDITIONS', 'OBJECT'].includes(opinion.verdict)) {
      throw fail(`Ý kiến không hợp lệ: ${String(opinion.verdict)}`, 'InvalidVerdict');
    }
    if (opinion.verdict !== 'AGREE' && !opinion.text?.trim()) throw fail('Ý kiến có điều kiện hoặc phản đối phải nêu nội dung.', 'NoText');
  }

  private expectState(stages: DossierStage[], pending: unknown, message: string): void {
    if (!stages.includes(this.snapshot.stage) || pending !== undefined || this.withdrawal || this.roundDecided) throw fail(message, 'WrongStage');
  }

  private expectVersion(expected: number): void {
    if (expected !== this.snapshot.version) {
      throw fail(`Phiên bản đã cũ: bạn xem phiên bản ${expected}, hiện là ${this.snapshot.version}. Tải lại hồ sơ rồi thử lại.`, 'StaleVersion');
    }
  }

  private expectActor(actor: string): void {
    if (typeof actor !== 'string' || actor.trim() === '') throw fail('Thiếu người thực hiện.', 'NoActor');
  }
}
