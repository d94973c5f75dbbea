import { ActivityFailure, ApplicationFailure, condition, patched, setHandler } from '@temporalio/workflow';
import { screenApplicant, validateMemberScore, WITHDRAWABLE_STAGES } from '../../domain';
import {
  appraisalStartSignal,
  awaitRegistrationUpdate,
  calendarChangedSignal,
  checkCompletenessUpdate,
  giveOpinionUpdate,
  requestSupplementUpdate,
  roundResultSignal,
  screenApplicantUpdate,
  snapshotQuery,
  submitScoreUpdate,
  submitSupplementUpdate,
  withdrawUpdate,
  type DossierStage,
  type OpinionInput,
  type OpinionTaskView,
} from './api';
import { acts, fail, type DossierContext } from './context';


/**
 * The dossier's messages. Validators are synchronous (an async one would not reject the caller) and
 * check everything a refusal depends on before anything is recorded; handlers only deposit the
 * action and wait for the procedure to record it. Score sheets are the exception: no timer races
 * them, so their handler records them.
 */
export function setDossierHandlers(ctx: DossierContext): void {
  setHandler(snapshotQuery, () => ctx.snapshot);
  setHandler(calendarChangedSignal, () => {
    ctx.calendarChanges += 1;
  });
  setHandler(appraisalStartSignal, (start) => {
    ctx.appraisalStart ??= start;
  });
  setHandler(roundResultSignal, (result) => {
    ctx.roundResult ??= result;
  });
  setHandler(awaitRegistrationUpdate, async () => {
    await condition(() => ctx.registered);
    return ctx.snapshot;
  });

  const expectState = (stages: DossierStage[], pending: unknown, message: string) => {
    if (!stages.includes(ctx.current.stage) || pending !== undefined || ctx.withdrawal) throw fail(message, 'WrongStage');
    expectNotTaken();
  };
  const expectNotTaken = () => {
    if (ctx.taken()) {
      throw fail(`Phiên bản ${ctx.current.version} của hồ sơ vừa được một thao tác khác xử lý; tải lại hồ sơ rồi thử lại.`, 'StaleVersion');
    }
  };
  const expectVersion = (expected: number) => {
    if (expected !== ctx.current.version) {
      throw fail(`Phiên bản đã cũ: bạn xem phiên bản ${expected}, hiện là ${ctx.current.version}. Tải lại hồ sơ rồi thử lại.`, 'StaleVersion');
    }
  };
  const expectActor = (actor: string) => {
    if (typeof actor !== 'string' || actor.trim() === '') throw fail('Thiếu người thực hiện.', 'NoActor');
  };

  setHandler(
    checkCompletenessUpdate,
    async (check) => {
      ctx.completeness = check;
      return ctx.settled(check.expectedVersion);
    },
    {
      validator: (check) => {
        expectState(['COMPLETENESS_CHECK'], ctx.completeness, 'Hồ sơ không ở bước kiểm tra tính đầy đủ.');
        expectVersion(check.expectedVersion);
        expectActor(check.actor);
        if (!check.complete && !(check.missing && check.missing.length > 0)) throw fail('Yêu cầu bổ sung phải liệt kê tài liệu còn thiếu.', 'MissingList');
      },
    },
  );

  setHandler(
    requestSupplementUpdate,
    async (request) => {
      ctx.supplementRequest = request;
      return ctx.settled(request.expectedVersion);
    },
    {
      validator: (request) => {
        expectState(['SCREENING'], ctx.supplementRequest ?? ctx.screening, 'Chỉ yêu cầu bổ sung trong khi thẩm định (bước sơ tuyển).');
        expectVersion(request.expectedVersion);
        expectActor(request.actor);
        if (!(request.missing?.length > 0)) throw fail('Yêu cầu bổ sung phải liệt kê tài liệu còn thiếu.', 'MissingList');
      },
    },
  );

  setHandler(
    submitSupplementUpdate,
    async (supplement) => {
      // The request's version, also when it is still being recorded. Without a recording in progress
      // (the only case the validator accepted before it judged by `current`) this is the snapshot's,
      // so histories recorded before replay the same.
      const version = ctx.current.version;
      ctx.supplement = supplement;
      return ctx.settled(version);
    },
    {
      validator: (supplement) => {
        if (ctx.current.stage !== 'SUPPLEMENT_REQUESTED' || ctx.supplement || ctx.withdrawal) throw fail('Hồ sơ không ở trạng thái chờ bổ sung.', 'WrongStage');
        expectNotTaken();
        expectActor(supplement.actor);
        if (!(supplement.documents?.length > 0)) throw fail('Phải nêu tài liệu bổ sung.', 'NoDocuments');
      },
    },
  );

  setHandler(
    withdrawUpdate,
    async (withdrawal) => {
      ctx.withdrawal = withdrawal;
      // Waits for the dossier to close: the workflow ends once every handler has finished, so a
      // dossier that closed otherwise must end this handler too.
      await condition(() => ctx.closed());
      if (ctx.snapshot.status !== 'WITHDRAWN') throw fail(`Hồ sơ đã đóng (${ctx.snapshot.status}) trước khi việc rút hồ sơ được ghi nhận.`, 'DossierClosed');
      return ctx.snapshot;
    },
    {
      validator: (withdrawal) => {
        if (!WITHDRAWABLE_STAGES.includes(ctx.snapshot.stage) || ctx.withdrawal || ctx.screening || scoringClosing(ctx)) {
          throw fail('Không thể rút hồ sơ ở bước này: hồ sơ đã được Hội đồng chấm điểm hoặc đã đóng.', 'WrongStage');
        }
        expectActor(withdrawal.actor);
      },
    },
  );

  setHandler(
    giveOpinionUpdate,
    async (opinion) => {
      const task = ctx.snapshot.opinionTasks.find((t) => t.departmentCode === opinion.departmentCode) as OpinionTaskView;
      ctx.opinions.set(task.taskId, opinion);
      await condition(() => ctx.taskOf(task.taskId).status !== 'OPEN');
      const closed = ctx.taskOf(task.taskId);
      if (closed.status !== 'DONE') throw fail(`Nhiệm vụ đã đóng (${closed.status}) trước khi ý kiến được ghi nhận.`, 'TaskClosed');
      return closed;
    },
    { validator: (opinion) => validateOpinion(ctx, opinion) },
  );

  setHandler(
    screenApplicantUpdate,
    async (screening) => {
      ctx.screening = screening;
      return ctx.settled(screening.expectedVersion);
    },
    {
      validator: (screening) => {
        expectState(['SCREENING'], ctx.screening ?? ctx.supplementRequest, 'Hồ sơ không ở bước sơ tuyển.');
        expectVersion(screening.expectedVersion);
        expectActor(screening.actor);
        try {
          screenApplicant(ctx.ruleSet, screening.facts);
        } catch (error) {
          throw fail(error instanceof Error ? error.message : String(error), 'InvalidFacts');
        }
      },
    },
  );

  setHandler(
    submitScoreUpdate,
    async (score) => {
      ctx.scoringMembers.add(score.actor);
      try {
        const checkedByRecord = patched(SCORE_MEMBER_CHECKED_BY_RECORD);
        if (!checkedByRecord && !(await acts.userExists(score.actor))) throw fail(`Không có thành viên Hội đồng ${score.actor}.`, 'UnknownUser');
        const total = Object.values(score.criteria).reduce((a, b) => a + b, 0);
        try {
          await acts.recordScore({ code: ctx.input.code, actor: score.actor, councilRole: score.councilRole, criteria: score.criteria, total });
        } catch (error) {
          throw checkedByRecord ? refusalOfRecord(error) : error;
        }
        ctx.memberScores.push({ memberId: score.actor, role: score.councilRole, applicantId: ctx.input.code, criteria: score.criteria });
        const view = { member: score.actor, councilRole: score.councilRole, total };
        ctx.snapshot = { ...ctx.snapshot, scores: [...ctx.snapshot.scores, view], awaitedScores: ctx.snapshot.awaitedScores.filter((m) => m !== score.actor) };
        return view;
      } catch (error) {
        ctx.scoringMembers.delete(score.actor);
        throw error;
      }
    },
    {
      validator: (score) => {
        expectState(['SCORING'], undefined, 'Hồ sơ không ở bước chấm điểm.');
        expectActor(score.actor);
        if (ctx.scoringMembers.has(score.actor)) throw fail(`${score.actor} đã chấm điểm hồ sơ này.`, 'DuplicateScore');
        const errors = validateMemberScore(ctx.ruleSet, { memberId: score.actor, role: score.councilRole, applicantId: ctx.input.code, criteria: score.criteria });
        if (errors.length) throw fail(errors.join('; '), 'InvalidScore');
      },
    },
  );
}

/**
 * The `patched()` marker of dossiers whose score sheet is checked against the users by recordScore
 * itself, in its transaction, instead of a userExists activity before it: one activity less per
 * sheet (fixture score-checked-by-record-dossier).
 */
export const SCORE_MEMBER_CHECKED_BY_RECORD = 'score-member-checked-by-record';

/** recordScore's refusal of a member who is no user is the Update's own answer, as userExists's was; other failures pass. */
function refusalOfRecord(error: unknown): unknown {
  const cause = error instanceof ActivityFailure ? error.cause : undefined;
  return cause instanceof ApplicationFailure && cause.type === 'UnknownUser' ? fail(cause.message, 'UnknownUser') : error;
}

/** Once every awaited sheet is in, scoring is closing: a withdrawal then would race the round's ranking. */
function scoringClosing(ctx: DossierContext): boolean {
  return ctx.snapshot.stage === 'SCORING' && ctx.snapshot.awaitedScores.length === 0 && ctx.memberScores.length > 0;
}

function validateOpinion(ctx: DossierContext, opinion: OpinionInput): void {
  if (typeof opinion.actor !== 'string' || opinion.actor.trim() === '') throw fail('Thiếu người thực hiện.', 'NoActor');
  const task = ctx.snapshot.opinionTasks.find((t) => t.departmentCode === opinion.departmentCode);
  if (!task && ctx.snapshot.opinionTasks.length === 0 && !ctx.closed()) {
    // The opinion tasks are not opened yet (the read model may already show them while the workflow
    // records their opening): a conflict to retry, not someone else's task.
    throw ApplicationFailure.retryable(`Nhiệm vụ cho ý kiến của ${opinion.departmentCode} chưa được mở; vui lòng thử lại sau ít phút.`, 'NotOpenYet');
  }
  if (!task) throw fail(`${opinion.departmentCode} không thuộc các sở, ngành được hỏi ý kiến về hồ sơ này.`, 'WrongDepartment');
  if (task.status !== 'OPEN' || ctx.opinions.has(task.taskId) || ctx.withdrawal || ctx.closed()) {
    throw fail(`Nhiệm vụ cho ý kiến của ${opinion.departmentCode} đã đóng.`, 'TaskClosed');
  }
  if (opinion.taskVersion !== task.version) {
    throw fail(`Phiên bản nhiệm vụ đã cũ: bạn xem phiên bản ${opinion.taskVersion}, hiện là ${task.version}.`, 'StaleVersion');
  }
  if (!['AGREE', 'AGREE_WITH_CONDITIONS', 'OBJECT'].includes(opinion.verdict)) throw fail(`Ý kiến không hợp lệ: ${String(opinion.verdict)}`, 'InvalidVerdict');
  if (opinion.verdict !== 'AGREE' && !opinion.text?.trim()) throw fail('Ý kiến có điều kiện hoặc phản đối phải nêu nội dung.', 'NoText');
}
