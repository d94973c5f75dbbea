import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { Deadline, IsoDate, MailRequest, TimeLimit } from '../../domain';
import type { createActivities } from '../../activities';
import type { MonitoringChange, MonitoringTaskRow } from '../../activities/monitoring/records';
import { withoutRemindOn } from '../common/deadline';
import { waitFor, type Wait } from '../common/human-task';
import { workflowTime, type WorkflowTime } from '../common/time';
import type { AgendaEntry, CarriedState, ClusterMonitoringInput, ClusterSnapshot } from './api';

type Activities = ReturnType<typeof createActivities>;

export const acts = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export const SYSTEM = 'system';
export const fail = (message: string, type: string) => ApplicationFailure.nonRetryable(message, type);

/** A person's action an Update handler deposited; the procedure alone records it. */
export interface PendingAction {
  kind: string;
  apply(ctx: MonitoringContext): Promise<void>;
  /** Set when recording failed after the activity's retries: the Update is refused, the workflow lives on. */
  failure?: string;
}

/**
 * The state of one monitored cluster (carried whole across continue-as-new) and the plumbing its
 * steps share: the wait, counted deadlines, state changes written to the read model, notifications.
 */
export class MonitoringContext {
  readonly time: WorkflowTime;
  readonly wait: Wait;
  state: CarriedState;
  pending: PendingAction | undefined;
  /** The days an administrator changed in the working-day calendar since the due dates were last counted (not carried: handled before continuing as new). */
  calendarChanges: IsoDate[] = [];

  constructor(readonly input: ClusterMonitoringInput) {
    this.time = workflowTime(input.decidedOn, input);
    this.wait = waitFor(this.time, () => 0);
    this.state = input.carried ?? {
      snapshot: {
        clusterCode: input.clusterCode,
        stage: 'UNDER_CONSTRUCTION',
        version: 0,
        milestones: [],
        nextPeriodEnd: input.decidedOn,
        lastReport: null,
        lastInspections: {},
        openViolations: [],
        agenda: [],
        withdrawal: null,
        run: 1,
      },
      contact: { areaHa: 0, investorEmail: '', investorName: '' },
      nextInspection: 1,
      nextViolation: 1,
    };
  }

  get snapshot(): ClusterSnapshot {
    return this.state.snapshot;
  }

  get schedule() {
    return this.input.schedule;
  }

  item(id: string): AgendaEntry | undefined {
    return this.snapshot.agenda.find((i) => i.id === id);
  }

  /** A limit counted from `from` on the calendar in force, with the schedule's reminder day. */
  async deadline(from: IsoDate, limit: TimeLimit): Promise<{ deadline: Deadline; remindOn: IsoDate | null }> {
    const counted = await acts.computeDeadline({ from, limit, remindWorkingDaysBefore: this.schedule.reminderWorkingDaysBefore });
    return { deadline: withoutRemindOn(counted), remindOn: counted.remindOn };
  }

  /** An agenda entry for a counted deadline. */
  entry(id: string, kind: AgendaEntry['kind'], role: AgendaEntry['role'], title: string, counted: { deadline: Deadline; remindOn: IsoDate | null }): AgendaEntry {
    const { from, amount, unit } = counted.deadline;
    return { id, kind, role, title, due: counted.deadline.due, remindOn: counted.remindOn, reminded: false, overdueNotified: false, basis: { from, limit: { amount, unit } } };
  }

  /**
   * One state change: the read model (with the tasks of entries that close and open) and its audit
   * record in one activity, then the snapshot. Entries closed leave the agenda; entries opened join it.
   */
  async change(actor: string, action: string, change: Omit<MonitoringChange, 'clusterCode' | 'actor' | 'action' | 'version' | 'openTasks' | 'closeTasks'>, agenda: { open?: AgendaEntry[]; close?: { id: string; status: 'DONE' | 'CANCELLED' }[] } = {}, view: Partial<ClusterSnapshot> = {}): Promise<void> {
    const version = this.snapshot.version + 1;
    const openTasks: MonitoringTaskRow[] = (agenda.open ?? []).map((e) => ({ item: e.id, kind: e.kind, role: e.role, due: e.due, title: e.title }));
    const explicit = (agenda.close ?? []).filter((c) => this.item(c.id));
    // An entry opened again under its id (a new due date) replaces the open task it had.
    const replaced = (agenda.open ?? []).filter((e) => this.item(e.id) && !explicit.some((c) => c.id === e.id)).map((e) => ({ id: e.id, status: 'CANCELLED' as const }));
    const closeTasks = [...explicit, ...replaced].map((c) => ({ item: c.id, status: c.status }));
    await acts.recordMonitoringChange({ clusterCode: this.input.clusterCode, actor, action, version, ...change, openTasks, closeTasks });
    const closing = new Set([...closeTasks.map((c) => c.item), ...openTasks.map((t) => t.item)]);
    this.state.snapshot = {
      ...this.snapshot,
      ...view,
      version,
      ...(change.stage ? { stage: change.stage } : {}),
      agenda: [...this.snapshot.agenda.filter((e) => !closing.has(e.id)), ...(agenda.open ?? [])],
    };
  }

  markAgenda(id: string, marks: Partial<Pick<AgendaEntry, 'reminded' | 'overdueNotified'>>): void {
    this.state.snapshot = { ...this.snapshot, agenda: this.snapshot.agenda.map((e) => (e.id === id ? { ...e, ...marks } : e)) };
  }

  async mailStaff(role: 'APPRAISER' | 'MANAGER', mails: (to: string[]) => MailRequest[]): Promise<void> {
    const to = await acts.staffRecipients({ role });
    await Promise.all(mails(to).map((mail) => acts.sendMail(mail)));
  }
}
