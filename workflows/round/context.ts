import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { Deadline, IsoDate, MemberScore, StaffNotice, TimeLimit } from '../../domain';
import type { createActivities } from '../../activities';
import type { RoundTransitionRecord } from '../../activities/round/records';
import { waitFor, type Wait } from '../common/human-task';
import { Exclusive } from '../common/lock';
import { Recording } from '../common/recording';
import { workflowTime, type WorkflowTime } from '../common/time';
import type {
  AnnouncementInput,
  ApplicantStanding,
  RoundDecisionInput,
  RoundReportInput,
  RoundSnapshot,
  RoundStage,
  RoundWorkflowInput,
  SubmissionInput,
} from './api';
import { roundCode } from './api';
import { withoutRemindOn } from '../common/deadline';
import { roundOverdueNotice } from './mails';
import { notifyStaff } from '../common/staff-notice';

type Activities = ReturnType<typeof createActivities>;

export const acts = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export const SYSTEM = 'system';
export const fail = (message: string, type: string) => ApplicationFailure.nonRetryable(message, type);

/** A round deadline that can be recomputed after a calendar change: counted `limit` from `from`. */
export interface RoundDeadline {
  from: IsoDate;
  limit: TimeLimit;
}

/**
 * The state of one selection round and the plumbing its steps share (waits that re-arm on calendar
 * changes, transitions, notifications). The procedure (workflow.ts) and the handlers (handlers.ts)
 * work on it.
 */
export class RoundContext {
  readonly code: string;
  readonly time: WorkflowTime;
  snapshot: RoundSnapshot;
  /** The round's row exists in the read model: dossiers can be admitted and linked to it. */
  recorded = false;
  // Actions the Update handlers deposit; the procedure alone records them.
  announcement: AnnouncementInput | undefined;
  submission: SubmissionInput | undefined;
  report: RoundReportInput | undefined;
  decision: RoundDecisionInput | undefined;
  /** Score sheets each scored applicant brought (its `applicantScored` signal). */
  readonly scores = new Map<string, MemberScore[]>();
  /** Each admitted dossier's appraisal, a child workflow, until its result. */
  readonly appraisals = new Map<string, Promise<void>>();
  /** How each deadline was counted, so a calendar change can count it again. */
  readonly deadlineBasis = new Map<string, RoundDeadline>();
  calendarChanges = 0;
  deadlineEpoch = 0;
  finished = false;
  readonly writes = new Exclusive();
  private readonly recording = new Recording<Pick<RoundSnapshot, 'stage' | 'version'>>();

  constructor(readonly input: RoundWorkflowInput) {
    this.code = roundCode(input.clusterCode, input.number);
    this.time = workflowTime(input.openedOn, input);
    this.wait = waitFor(this.time, () => this.deadlineEpoch);
    this.snapshot = {
      code: this.code,
      stage: 'CALL_PENDING',
      version: 0,
      deadlines: {},
      applicants: [],
      announcement: null,
      submittedOn: null,
      report: null,
      decision: null,
    };
  }

  /** The round's stage and version as a validator must see them: the ones being recorded, else the last recorded (common/recording.ts says why). */
  get current(): Pick<RoundSnapshot, 'stage' | 'version'> {
    return this.recording.current(this.snapshot);
  }

  /** The procedure takes the action a handler deposited (runHumanTask's `record`); see common/recording.ts. */
  take<A>(action: A): A {
    this.recording.take(this.snapshot);
    return action;
  }

  /** An action taken on the version validators see is not recorded yet. */
  taken(): boolean {
    return this.recording.taken(this.snapshot);
  }

  get ruleSet() {
    return this.input.ruleSet;
  }

  /** The People's Committee that runs the call and compiles the dossiers under this rule set. */
  get callDepartment(): string {
    return this.ruleSet.callAuthority === 'commune-pc' ? 'COMMUNE_PC' : 'DISTRICT_PC';
  }

  closed(): boolean {
    return this.snapshot.stage === 'DECIDED' || this.snapshot.stage === 'NO_INVESTOR';
  }

  standing(code: string): ApplicantStanding | undefined {
    return this.snapshot.applicants.find((a) => a.code === code)?.standing;
  }

  setStanding(code: string, standing: ApplicantStanding): void {
    this.snapshot = { ...this.snapshot, applicants: this.snapshot.applicants.map((a) => (a.code === code ? { ...a, standing } : a)) };
  }

  /** Applicants still in the round: admitted and not refused or withdrawn. */
  active(): string[] {
    return this.snapshot.applicants.filter((a) => !['REFUSED', 'WITHDRAWN'].includes(a.standing)).map((a) => a.code);
  }

  /** Waits for `ready` or until the day `until()` begins; re-armed when a calendar change moves the date. */
  readonly wait: Wait;

  /** Counts a deadline with the calendar in force and remembers how, for a later calendar change. */
  async deadline(name: string, from: IsoDate, limit: TimeLimit): Promise<Deadline> {
    const deadline = withoutRemindOn(await acts.computeDeadline({ from, limit }));
    this.deadlineBasis.set(name, { from, limit });
    return deadline;
  }

  /** One state change of the round: read model, round tasks and audit in one transaction, then the snapshot. */
  async transition(actor: string, action: string, stage: RoundStage, extra: Omit<RoundTransitionRecord, 'code' | 'actor' | 'action' | 'after'> = {}, view: Partial<RoundSnapshot> = {}): Promise<void> {
    await this.writes.run(async () => {
      const after = { stage, version: this.snapshot.version + 1 };
      await this.recording.during(after, () => acts.recordRoundTransition({ code: this.code, actor, action, after, ...extra }));
      const deadlines = { ...this.snapshot.deadlines, ...(extra.deadlines ?? {}) };
      this.snapshot = { ...this.snapshot, ...view, ...after, deadlines };
    });
  }

  notifyStaff(query: Parameters<Activities['staffRecipients']>[0], notice: StaffNotice): Promise<void> {
    return notifyStaff(acts, query, notice);
  }

  /** A round step past its deadline stays open: the managers are told once per missed due date. */
  async overdue(step: string, due: IsoDate): Promise<undefined> {
    await this.notifyStaff({ role: 'MANAGER' }, roundOverdueNotice(this.code, step, due));
    return undefined;
  }
}
