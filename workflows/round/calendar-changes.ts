import { condition } from '@temporalio/workflow';
import type { Deadline } from '../../domain';
import type { RoundStage } from './api';
import { withoutRemindOn } from '../common/deadline';
import { acts, SYSTEM, type RoundContext } from './context';

/** The deadline each stage waits on: only an open step's deadline moves with the calendar. */
const OPEN_DEADLINE: Partial<Record<RoundStage, string>> = {
  CALL_PENDING: 'callAnnouncement',
  WINDOW_OPEN: 'applicationWindow',
  COMPILATION: 'dossierSubmission',
  REPORT: 'report',
  DECISION: 'decision',
};

/** DOMAIN.md §4: an administrator's calendar change recomputes the open deadline; the waiting timer re-arms on the new date. */
export async function recomputeRoundDeadlinesOnCalendarChange(ctx: RoundContext): Promise<void> {
  let handled = 0;
  for (;;) {
    await condition(() => ctx.calendarChanges > handled || ctx.finished);
    if (ctx.finished) return;
    handled = ctx.calendarChanges;
    await ctx.writes.run(async () => {
      const name = OPEN_DEADLINE[ctx.snapshot.stage];
      const basis = name ? ctx.deadlineBasis.get(name) : undefined;
      if (!name || !basis) return;
      const deadline = withoutRemindOn(await acts.computeDeadline(basis));
      const deadlines: Record<string, Deadline> = { [name]: deadline };
      await acts.recordRoundDeadlines({ code: ctx.code, actor: SYSTEM, deadlines });
      ctx.snapshot = { ...ctx.snapshot, deadlines: { ...ctx.snapshot.deadlines, ...deadlines } };
    });
    ctx.deadlineEpoch += 1;
  }
}
