import { ParentClosePolicy, condition, setHandler, startChild } from '@temporalio/workflow';
import { compareDates, formatDateVi } from '../../domain';
import { calendarChangedSignal, dossierWorkflowId } from '../dossier/api';
import type { dossierWorkflow } from '../dossier/workflow';
import {
  admitApplicantUpdate,
  announceCallUpdate,
  applicantScoredSignal,
  decideRoundUpdate,
  roundSnapshotQuery,
  submitDossiersUpdate,
  submitRoundReportUpdate,
  type RoundStage,
} from './api';
import { fail, type RoundContext } from './context';

/** Until the compiled dossiers go to DOIT, a letter filed inside the window still joins the round. */
const ADMITTING: RoundStage[] = ['CALL_PENDING', 'WINDOW_OPEN', 'COMPILATION'];

/**
 * The round's messages. Validators are synchronous and check every business rule before anything
 * is recorded (a refusal is a refused Update, never a failed workflow); handlers deposit the action
 * and wait for the procedure (workflow.ts) to record it.
 */
export function setRoundHandlers(ctx: RoundContext): void {
  setHandler(roundSnapshotQuery, () => ctx.snapshot);
  setHandler(calendarChangedSignal, () => {
    ctx.calendarChanges += 1;
  });
  setHandler(applicantScoredSignal, ({ code, scores }) => {
    if (ctx.standing(code) !== 'IN_APPRAISAL') return;
    ctx.scores.set(code, scores);
    ctx.setStanding(code, 'SCORED');
  });

  const expectVersion = (expected: number) => {
    if (ctx.taken()) {
      throw fail(`Phiên bản ${ctx.current.version} của đợt lựa chọn vừa được một thao tác khác xử lý; tải lại rồi thử lại.`, 'StaleVersion');
    }
    if (expected !== ctx.current.version) {
      throw fail(`Phiên bản đợt lựa chọn đã cũ: bạn xem phiên bản ${expected}, hiện là ${ctx.current.version}. Tải lại rồi thử lại.`, 'StaleVersion');
    }
  };
  const expectStage = (stage: RoundStage, pending: unknown, what: string) => {
    if (ctx.current.stage !== stage || pending !== undefined) {
      throw fail(`Đợt lựa chọn ${ctx.code} không ở bước ${what} (đang ở ${ctx.current.stage}).`, 'WrongStage');
    }
  };

  setHandler(
    admitApplicantUpdate,
    async (dossier) => {
      if (!ctx.standing(dossier.code)) {
        // Listed before the first await: the window cannot close on an admission in flight.
        ctx.snapshot = { ...ctx.snapshot, applicants: [...ctx.snapshot.applicants, { code: dossier.code, filedOn: dossier.filedOn, standing: 'ADMITTED' }] };
        await condition(() => ctx.recorded);
        const child = await startChild<typeof dossierWorkflow>('dossierWorkflow', {
          workflowId: dossierWorkflowId(dossier.code),
          args: [{ ...dossier, roundCode: ctx.code, ...ctx.time.scale }],
          // The round waits for every appraisal it started; an operator closing the round by hand leaves them running.
          parentClosePolicy: ParentClosePolicy.ABANDON,
        });
        ctx.appraisals.set(
          dossier.code,
          child.result().then(
            (result) => ctx.setStanding(dossier.code, result.outcome),
            () => undefined,
          ),
        );
      }
      await condition(() => ctx.appraisals.has(dossier.code));
      return { roundCode: ctx.code, windowClosesOn: ctx.snapshot.deadlines.applicationWindow?.due ?? null };
    },
    {
      validator: (dossier) => {
        if (ctx.standing(dossier.code)) return;
        const window = ctx.snapshot.deadlines.applicationWindow;
        if (!ADMITTING.includes(ctx.current.stage) || (window && compareDates(dossier.filedOn, window.due) > 0)) {
          const closes = window ? `hết ngày ${formatDateVi(window.due)}` : 'đã kết thúc';
          throw fail(
            `Văn bản đề nghị nhận ngày ${formatDateVi(dossier.filedOn)}, sau khi hết thời hạn nhận hồ sơ của đợt lựa chọn chủ đầu tư cụm công nghiệp ${ctx.input.clusterCode} (${closes}).`,
            'LateApplication',
          );
        }
        if (compareDates(dossier.filedOn, ctx.input.openedOn) < 0) {
          throw fail(`Ngày nhận ${formatDateVi(dossier.filedOn)} trước ngày mở đợt lựa chọn (${formatDateVi(ctx.input.openedOn)}).`, 'BeforeRound');
        }
      },
    },
  );

  setHandler(
    announceCallUpdate,
    async (announcement) => {
      ctx.announcement = announcement;
      await condition(() => ctx.snapshot.version > announcement.expectedVersion);
      return ctx.snapshot;
    },
    {
      validator: (announcement) => {
        expectStage('CALL_PENDING', ctx.announcement, 'thông báo công khai');
        expectVersion(announcement.expectedVersion);
        if (compareDates(announcement.announcedOn, ctx.input.openedOn) < 0) {
          throw fail(`Ngày thông báo ${formatDateVi(announcement.announcedOn)} trước ngày nhận văn bản đề nghị đầu tiên (${formatDateVi(ctx.input.openedOn)}).`, 'AnnouncedBeforeLetter');
        }
        if (compareDates(announcement.announcedOn, ctx.time.today()) > 0) throw fail(`Ngày thông báo ${formatDateVi(announcement.announcedOn)} ở tương lai.`, 'AnnouncedInFuture');
        if (!announcement.publishedAt?.trim()) throw fail('Phải nêu nơi đăng thông báo.', 'NoPublicationPlace');
      },
    },
  );

  setHandler(
    submitDossiersUpdate,
    async (submission) => {
      ctx.submission = submission;
      await condition(() => ctx.snapshot.version > submission.expectedVersion);
      return ctx.snapshot;
    },
    {
      validator: (submission) => {
        expectStage('COMPILATION', ctx.submission, 'chuyển hồ sơ sang Sở Công Thương');
        expectVersion(submission.expectedVersion);
      },
    },
  );

  setHandler(
    submitRoundReportUpdate,
    async (report) => {
      ctx.report = report;
      await condition(() => ctx.snapshot.version > report.expectedVersion);
      return ctx.snapshot;
    },
    {
      validator: (report) => {
        expectStage('REPORT', ctx.report, 'lập báo cáo thẩm định');
        expectVersion(report.expectedVersion);
        if (!report.summary?.trim()) throw fail('Báo cáo thẩm định phải có nội dung.', 'EmptyReport');
        if (report.chairProposal !== undefined && ctx.standing(report.chairProposal) !== 'SCORED') {
          throw fail(`Đề xuất của Chủ tịch Hội đồng phải là một hồ sơ đã được chấm điểm của đợt (${report.chairProposal} không phải).`, 'InvalidChairProposal');
        }
      },
    },
  );

  setHandler(
    decideRoundUpdate,
    async (decision) => {
      ctx.decision = decision;
      await condition(() => ctx.snapshot.version > decision.expectedVersion);
      return ctx.snapshot;
    },
    {
      validator: (decision) => {
        expectStage('DECISION', ctx.decision, 'quyết định');
        expectVersion(decision.expectedVersion);
        if (!['APPROVE', 'REJECT', 'RETURN'].includes(decision.outcome)) throw fail(`Quyết định không hợp lệ: ${String(decision.outcome)}`, 'InvalidOutcome');
        if (decision.outcome !== 'APPROVE' && !decision.reason?.trim()) throw fail('Phải nêu lý do.', 'NoReason');
      },
    },
  );
}
