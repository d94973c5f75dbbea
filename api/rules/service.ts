import {
  addDays,
  depositFor,
  DomainError,
  RULE_SETS,
  rankApplicants,
  ruleSetById,
  ruleSetInForce,
  screenApplicant,
  validateMemberScore,
  type ApplicantFacts,
  type IsoDate,
  type MemberScore,
  type RankingResult,
  type RuleSet,
  type ScreeningResult,
} from '../../domain';
import { todayInVietnam } from '../../infra/clock';
import { domainProblem, withDomainProblems } from '../http/domain-problem';
import { badRequest, notFound, type InvalidField } from '../http/problem';
import type { RankingRequest, ScreeningRequest } from './schemas';

/** A rule set as the API shows it: the rule set itself plus the last filing date it applies to. */
export type RuleSetView = RuleSet & { effectiveUntil: IsoDate | null };

function view(ruleSet: RuleSet): RuleSetView {
  const next = RULE_SETS.filter((r) => r.effectiveFrom > ruleSet.effectiveFrom).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1))[0];
  return { ...ruleSet, effectiveUntil: next ? addDays(next.effectiveFrom, -1) : null };
}

export function listRuleSets(): RuleSetView[] {
  return RULE_SETS.map(view);
}

export function getRuleSet(id: string): RuleSetView {
  const ruleSet = ruleSetById(id);
  if (!ruleSet) throw notFound(`Không có bộ quy tắc mã "${id}". Các bộ quy tắc: ${RULE_SETS.map((r) => r.id).join(', ')}.`);
  return view(ruleSet);
}

/** The rule set a dossier filed on `filedOn` keeps (DOMAIN.md §6); 422 before Decree 32/2024 applied. */
export function effectiveRuleSet(filedOn: IsoDate): RuleSetView {
  return view(withDomainProblems(() => ruleSetInForce(filedOn), 'filedOn'));
}

/** The rule set named by id, or in force on filedOn, or in force today in Vietnam. */
export function chooseRuleSet(choice: { ruleSetId?: string | undefined; filedOn?: IsoDate | undefined }): RuleSet {
  if (choice.ruleSetId !== undefined) {
    const ruleSet = ruleSetById(choice.ruleSetId);
    if (!ruleSet) throw badRequest('Mã bộ quy tắc không tồn tại.', [{ field: 'ruleSetId', message: `một trong: ${RULE_SETS.map((r) => r.id).join(', ')}` }]);
    return ruleSet;
  }
  return withDomainProblems(() => ruleSetInForce(choice.filedOn ?? todayInVietnam()), 'filedOn');
}

export function computeDeposit(query: { capitalVnd: number; ruleSetId?: string | undefined; filedOn?: IsoDate | undefined }) {
  const ruleSet = chooseRuleSet(query);
  const depositVnd = withDomainProblems(() => depositFor(ruleSet, query.capitalVnd), 'capitalVnd');
  return { capitalVnd: query.capitalVnd, depositVnd, ruleSetId: ruleSet.id };
}

export function screen(request: ScreeningRequest): ScreeningResult & { ruleSetId: string } {
  const { ruleSetId, filedOn, ...rest } = request;
  const ruleSet = chooseRuleSet({ ruleSetId, filedOn });
  const facts = rest as ApplicantFacts;
  return { ...withDomainProblems(() => screenApplicant(ruleSet, facts)), ruleSetId: ruleSet.id };
}

/**
 * Ranks the council's score sheets with the rule set's pass mark and tie-break policy. Every invalid
 * sheet is reported at once (400, one entry per problem, field `scores.<index>`), as is every
 * duplicate sheet of one member for one applicant.
 */
export function rank(request: RankingRequest): RankingResult & { ruleSetId: string } {
  const ruleSet = chooseRuleSet({ ruleSetId: request.ruleSetId });
  const scores = request.scores as MemberScore[];
  const errors: InvalidField[] = [];
  const firstSheet = new Map<string, number>();
  scores.forEach((score, index) => {
    for (const message of validateMemberScore(ruleSet, score)) errors.push({ field: `scores.${index}`, message });
    const key = JSON.stringify([score.memberId, score.applicantId]);
    const first = firstSheet.get(key);
    if (first === undefined) firstSheet.set(key, index);
    else {
      errors.push({
        field: `scores.${index}`,
        message: `Phiếu trùng: thành viên ${score.memberId} đã chấm nhà đầu tư ${score.applicantId} ở phiếu scores.${first}; mỗi thành viên chỉ chấm một phiếu cho mỗi nhà đầu tư`,
      });
    }
  });
  if (errors.length) {
    const sheets = new Set(errors.map((e) => e.field)).size;
    throw badRequest(`Có ${sheets} phiếu chấm điểm không hợp lệ (${errors.length} lỗi); xem danh sách errors.`, errors);
  }
  try {
    const input = request.chairProposal === undefined ? { scores } : { scores, chairProposal: request.chairProposal };
    return { ruleSetId: ruleSet.id, ...rankApplicants(ruleSet, input) };
  } catch (error) {
    if (error instanceof DomainError) throw domainProblem(error, 'scores');
    throw error;
  }
}
