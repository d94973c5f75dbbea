import { runHumanTask } from '../../common/human-task';
import type { OpinionTaskView } from '../api';
import { acts, SYSTEM, type DossierContext } from '../context';
import { opinionReminderNotice, opinionRequestNotice, overdueStaffNotice, screeningNotice } from '../mails';

type Verdict = NonNullable<OpinionTaskView['verdict']>;

/**
 * Stage 5: every consulted department in parallel, each task with its own deadline. On a withdrawal
 * every task's wait ends; all of them are awaited before the withdrawal is recorded, so no reminder
 * or deemed consent outlives it and the workflow's view and the read model agree.
 */
export async function departmentOpinions(ctx: DossierContext): Promise<void> {
  const outcomes = await Promise.allSettled(ctx.snapshot.opinionTasks.map((task) => opinionTask(ctx, task.taskId)));
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failed) throw failed.reason;
  await ctx.transition(SYSTEM, 'opinions.collected', 'SCREENING', 'ACTIVE', {
    detail: { opinions: ctx.snapshot.opinionTasks.map((t) => ({ departmentCode: t.departmentCode, verdict: t.verdict })) },
  });
  await ctx.notifyStaff({ role: 'APPRAISER' }, screeningNotice(ctx.input));
}

function opinionTask(ctx: DossierContext, taskId: string): Promise<Verdict> {
  const { departmentCode } = ctx.taskOf(taskId);
  const due = () => ctx.taskOf(taskId).deadline.due;
  /** Records the answer (or deemed consent); the task's result is its verdict. */
  const close = async (actor: string, verdict: Verdict, text: string) => {
    await acts.closeOpinionTask({ code: ctx.input.code, taskId, actor, verdict, text });
    ctx.updateTask(taskId, { status: verdict === 'DEEMED_CONSENT' ? 'DEEMED' : 'DONE', verdict, version: ctx.taskOf(taskId).version + 1 });
    return verdict;
  };
  return runHumanTask(ctx.wait, {
    open: async () => ctx.notifyStaff({ role: 'REVIEWER', departmentCode }, opinionRequestNotice(ctx.input, departmentCode, due())),
    action: () => ctx.opinions.get(taskId),
    record: (opinion) => close(opinion.actor, opinion.verdict, opinion.text),
    deadline: {
      due,
      remindOn: () => ctx.remindOn.get(taskId) ?? null,
      remind: async () => {
        await acts.markTaskReminded({ code: ctx.input.code, taskId, on: ctx.time.today() });
        await ctx.notifyStaff({ role: 'REVIEWER', departmentCode }, opinionReminderNotice(ctx.input, departmentCode, due()));
      },
      // Provincial practice (rule set): no answer by the deadline counts as consent. Where silence is
      // not consent, the managers are told and the applicant gets one notice for the whole stage.
      expire: async () => {
        if (!ctx.ruleSet.silenceMeansConsent) {
          await ctx.notifyStaff({ role: 'MANAGER' }, overdueStaffNotice(ctx.input, `ý kiến ${departmentCode}`, due()));
          await ctx.noticeApplicantOfOverdue(ctx.opinionStage, due());
          return undefined;
        }
        return close(SYSTEM, 'DEEMED_CONSENT', 'Không có ý kiến trong thời hạn: coi như đồng ý.');
      },
    },
  });
}
