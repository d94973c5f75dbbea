import { ApplicationFailure, condition, proxyActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { IsoDate, MemberScore, RuleSet, StaffNotice, TimeLimit } from '../../domain';
import type { createActivities } from '../../activities';
import type { TransitionRecord } from '../../activities/dossier/transitions';
import { waitFor, type Wait } from '../common/human-task';
import { withoutRemindOn } from '../common/deadline';
import { Exclusive } from '../common/lock';
import { Recording } from '../common/recording';
import { workflowTime, type WorkflowTime } from '../common/time';
import { DOSSIER_STAGE, DOSSIER_STATUS } from '../search-attributes';
import type {
  AppraisalStartSignal,
  CompletenessCheckInput,
  DossierSnapshot,
  DossierStage,
  DossierStatus,
  DossierWorkflowInput,
  OpinionInput,
  OpinionTaskView,
  RoundResultSignal,
  ScreeningInput,
  SupplementInput,
  SupplementRequestInput,
  WithdrawInput,
} from './api';
import { overdueNoticeMail, overdueStaffNotice } from './mails';
import { notifyStaff } from '../common/staff-notice';

export type Activities = ReturnType<typeof createActivities>;

export const acts = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export const SYSTEM = 'system';

export const fail = (message: string, type: string) => ApplicationFailure.nonRetryable(message, type);

/** Thrown out of any wait once the applicant has withdrawn; the workflow then closes the dossier. */
export class Withdrawn extends Error {}

/**
 * A stage whose step may stay open past its deadline: `key` names its deadline in the read model
 * (the new expected date goes under `<key>Revised`), `name` is how mails name it, `limit` is the
 * stage's own time limit.
 */
export interface OverdueStage {
  key: 'departmentOpinion';
  name: string;
  limit: TimeLimit;
}

/**
 * The state of one dossier's procedure and the plumbing its steps share: waits that end on
 * withdrawal and re-arm on calendar changes, transitions (read model and audit in one activity),
 * notifications. The steps (steps/*.ts) and the message handlers (handlers.ts) work on it.
 */
export class DossierContext {
  readonly time: WorkflowTime;
  snapshot: DossierSnapshot;
  registered = false;
  // Actions the Update handlers deposit; the procedure alone records them.
  completeness: CompletenessCheckInput | undefined;
  supplement: SupplementInput | undefined;
  supplementRequest: SupplementRequestInput | undefined;
  withdrawal: WithdrawInput | undefined;
  screening: ScreeningInput | undefined;
  appraisalStart: AppraisalStartSignal | undefined;
  roundResult: RoundResultSignal | undefined;
  readonly opinions = new Map<string, OpinionInput>();
  readonly memberScores: MemberScore[] = [];
  readonly scoringMembers = new Set<string>();
  /** Reminder day of each open opinion task. */
  readonly remindOn = new Map<string, IsoDate>();
  /** Per overdue stage, the due dates whose apology notice went out (one notice per stage and missed date). */
  readonly overdueNotices = new Map<OverdueStage['key'], IsoDate[]>();
  supplementRounds = 0;
  /** Calendar changes signalled, and how many times the deadlines were recomputed (waits re-arm on it). */
  calendarChanges = 0;
  deadlineEpoch = 0;
  finished = false;
  readonly writes = new Exclusive();
  private readonly recording = new Recording<Pick<DossierSnapshot, 'stage' | 'status' | 'version'>>();

  constructor(
    readonly input: DossierWorkflowInput,
    readonly ruleSet: RuleSet,
  ) {
    this.time = workflowTime(input.filedOn, input);
    this.wait = waitFor(this.time, () => this.deadlineEpoch, {
      pending: () => this.withdrawal !== undefined,
      raise: () => {
        throw new Withdrawn();
      },
    });
    this.snapshot = {
      code: input.code,
      stage: 'COMPILATION',
      status: 'ACTIVE',
      version: 0,
      deadlines: {},
      clock: null,
      missing: [],
      opinionTasks: [],
      screening: null,
      scores: [],
      awaitedScores: [],
      result: null,
    };
  }

  /** The dossier's stage, status and version as a validator must see them: the ones being recorded, else the last recorded (common/recording.ts says why). */
  get current(): Pick<DossierSnapshot, 'stage' | 'status' | 'version'> {
    return this.recording.current(this.snapshot);
  }

  /**
   * The procedure takes an action a handler deposited (a completeness check, a supplement request, a
   * supplement) before its transition records it; see common/recording.ts.
   */
  take<A>(action: A): A {
    this.recording.take(this.snapshot);
    return action;
  }

  /** An action taken on the version validators see is not recorded yet. */
  taken(): boolean {
    return this.recording.taken(this.snapshot);
  }

  closed(): boolean {
    return this.snapshot.stage === 'CLOSED' || this.snapshot.stage === 'MONITORING';
  }

  /** Waits until the procedure moved past `version`, or throws when the dossier closed first. */
  async settled(version: number): Promise<DossierSnapshot> {
    await condition(() => this.snapshot.version > version || this.closed());
    if (this.snapshot.version <= version) throw fail('Hồ sơ đã đóng.', 'DossierClosed');
    return this.snapshot;
  }

  /** Waits for `ready` or until the day `until()` begins; a withdrawal ends any wait; a calendar change re-arms the timer. */
  readonly wait: Wait;

  /** One state change: read model and audit in one transaction (an activity), then snapshot and search attributes. */
  async transition(
    actor: string,
    action: string,
    stage: DossierStage,
    status: DossierStatus,
    extra: Omit<TransitionRecord, 'code' | 'actor' | 'action' | 'after'> = {},
    view: Partial<DossierSnapshot> = {},
  ): Promise<void> {
    await this.writes.run(async () => {
      const after = { stage, status, version: this.snapshot.version + 1 };
      await this.recording.during(after, () => acts.recordTransition({ code: this.input.code, actor, action, after, ...extra }));
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
    });
  }

  updateTask(taskId: string, change: Partial<OpinionTaskView>): void {
    this.snapshot = { ...this.snapshot, opinionTasks: this.snapshot.opinionTasks.map((t) => (t.taskId === taskId ? { ...t, ...change } : t)) };
  }

  taskOf(taskId: string): OpinionTaskView {
    return this.snapshot.opinionTasks.find((t) => t.taskId === taskId) as OpinionTaskView;
  }

  notifyStaff(query: Parameters<Activities['staffRecipients']>[0], notice: StaffNotice): Promise<void> {
    return notifyStaff(acts, query, notice);
  }

  /** The department-opinion stage, with the name the mails use and its own time limit. */
  get opinionStage(): OverdueStage {
    return { key: 'departmentOpinion', name: 'ý kiến của các sở, ngành', limit: this.ruleSet.limits.departmentOpinion };
  }

  /** A step past its deadline stays open; the managers are told once, the applicant gets an apology notice. */
  async overdue(stage: OverdueStage, due: IsoDate): Promise<undefined> {
    await this.notifyStaff({ role: 'MANAGER' }, overdueStaffNotice(this.input, stage.name, due));
    await this.noticeApplicantOfOverdue(stage, due);
    return undefined;
  }

  /**
   * The applicant's apology notice ("thư xin lỗi", DOMAIN.md §2) for a stage past its deadline.
   * Decision (workflows/README.md): the new expected date is the overdue stage's own time limit
   * counted again from the day the overdue is detected, on the calendar in force; the read model
   * stores it as `deadlines.<stage>Revised` with its audit record in one transaction.
   */
  async noticeApplicantOfOverdue(stage: OverdueStage, missedDue: IsoDate): Promise<void> {
    const missed = this.overdueNotices.get(stage.key) ?? [];
    if (missed.includes(missedDue)) return;
    // Marked before the first await: parallel opinion tasks expiring together send one notice.
    this.overdueNotices.set(stage.key, [...missed, missedDue]);
    const n = missed.length + 1;
    const revised = withoutRemindOn(await acts.computeDeadline({ from: this.time.today(), limit: stage.limit }));
    await this.writes.run(async () => {
      await acts.recordOverdueNotice({ code: this.input.code, actor: SYSTEM, stage: stage.key, missedDue, revised, n });
      this.snapshot = { ...this.snapshot, deadlines: { ...this.snapshot.deadlines, [`${stage.key}Revised`]: revised } };
    });
    await acts.sendMail(overdueNoticeMail(this.input, stage, n, missedDue, revised));
  }
}
