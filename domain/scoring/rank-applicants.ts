import { DomainError } from '../errors';
import { formatNumberVi } from '../format';
import { CRITERION_KEYS, type CriterionKey, type RuleSet } from '../rules/types';
import type { MemberScore, RankedApplicant, RankingInput, RankingResult, TieBreakMethod } from './types';
import { validateMemberScore } from './validate-member-score';

/**
 * Sums kept in hundredths of a point (scores have at most 2 decimals), so every mean comparison is
 * exact: mean(a) vs mean(b) is compared as sumA × votersB vs sumB × votersA. Totals are at most
 * 10 000 hundredths per voter, so these products stay far below 2^53.
 */
type Tally = {
  applicantId: string;
  voters: number;
  total: number;
  criteria: Record<CriterionKey, number>;
};

function compareMeans(sumA: number, votersA: number, sumB: number, votersB: number): number {
  return Math.sign(sumA * votersB - sumB * votersA);
}

/**
 * The mean for display, to 2 decimals, rounded DOWN: a displayed score then never reaches a
 * threshold the exact mean misses (49.995 shows as 49.99, not as a qualifying-looking 50.00).
 * Display only; decisions use the exact sums.
 */
function displayMean(sumHundredths: number, voters: number): number {
  return Math.floor(sumHundredths / voters) / 100;
}

function tally(ruleSet: RuleSet, scores: readonly MemberScore[]): Tally[] {
  const keys = ruleSet.scoring.criteria.map((c) => c.key);
  const byApplicant = new Map<string, Tally>();
  for (const score of scores) {
    let t = byApplicant.get(score.applicantId);
    if (!t) {
      t = {
        applicantId: score.applicantId,
        voters: 0,
        total: 0,
        criteria: { infrastructurePlan: 0, environmentalProtectionPlan: 0, capacityAndExperience: 0, financialPlan: 0 },
      };
      byApplicant.set(score.applicantId, t);
    }
    t.voters += 1;
    for (const key of keys) {
      const hundredths = Math.round(score.criteria[key] * 100);
      t.criteria[key] += hundredths;
      t.total += hundredths;
    }
  }
  return [...byApplicant.values()];
}

const byMean = (a: Tally, b: Tally): number => compareMeans(a.total, a.voters, b.total, b.voters);
const byCriterion =
  (key: CriterionKey) =>
  (a: Tally, b: Tally): number =>
    compareMeans(a.criteria[key], a.voters, b.criteria[key], b.voters);

type PolicyStep = { method: TieBreakMethod; key: CriterionKey; label: string; compare: (a: Tally, b: Tally) => number };

/** The criteria (greater is better) the policy compares, in order, before turning to the chair. */
function policySteps(ruleSet: RuleSet): PolicyStep[] {
  switch (ruleSet.scoring.tieBreak) {
    case 'chair-proposal':
      return [];
    case 'financial-plan-then-capacity-then-chair':
      return [
        { method: 'financial-plan', key: 'financialPlan', label: 'phương án tài chính', compare: byCriterion('financialPlan') },
        { method: 'capacity-and-experience', key: 'capacityAndExperience', label: 'năng lực, kinh nghiệm', compare: byCriterion('capacityAndExperience') },
      ];
    default:
      throw new DomainError('INVALID_ARGUMENT', `Chính sách phân định hòa điểm không hợp lệ: ${String(ruleSet.scoring.tieBreak)}`);
  }
}

function assertValid(ruleSet: RuleSet, scores: readonly MemberScore[]): void {
  const details: string[] = [];
  const seen = new Map<string, number>();
  for (const score of scores) {
    for (const error of validateMemberScore(ruleSet, score)) {
      details.push(`${String(score.memberId)} → ${String(score.applicantId)}: ${error}`);
    }
    const key = JSON.stringify([score.memberId, score.applicantId]);
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  if (details.length) {
    details.sort();
    throw new DomainError('INVALID_SCORE', `Phiếu chấm điểm không hợp lệ: ${details[0]}${details.length > 1 ? ` (và ${details.length - 1} lỗi khác)` : ''}`, details);
  }
  const duplicates = [...seen.entries()]
    .filter(([, count]) => count > 1)
    .map(([key]) => (JSON.parse(key) as [string, string]).join(' → '))
    .sort();
  if (duplicates.length) {
    throw new DomainError(
      'DUPLICATE_SCORE',
      `Mỗi thành viên chỉ chấm một phiếu cho mỗi nhà đầu tư; phiếu trùng: ${duplicates.join(', ')}`,
      duplicates,
    );
  }
}

/**
 * Ranks applicants from the council's score sheets (Decree 32/2024 Art. 13(2), DOMAIN.md §3): an
 * applicant's score is the mean of the voting members' totals; at least the pass mark qualifies;
 * the highest qualifying mean wins; a tie for first place is broken by the rule set's policy.
 * The result does not depend on the order of the score sheets. Throws DomainError on an invalid or
 * duplicate sheet.
 */
export function rankApplicants(ruleSet: RuleSet, input: RankingInput): RankingResult {
  const { scores, chairProposal } = input;
  assertValid(ruleSet, scores);

  const tallies = tally(ruleSet, scores);
  const passHundredths = Math.round(ruleSet.scoring.passMark * 100);
  const qualifies = (t: Tally): boolean => t.total >= passHundredths * t.voters;
  const steps = policySteps(ruleSet);

  // Better first: mean, then the policy's criteria; ties that remain share a rank.
  const policyOrder = (a: Tally, b: Tally): number => {
    for (const compare of [byMean, ...steps.map((step) => step.compare)]) {
      const c = compare(b, a);
      if (c !== 0) return c;
    }
    return 0;
  };
  const winner = pickWinner(ruleSet, tallies, qualifies, steps, chairProposal);

  const sorted = [...tallies].sort((a, b) => {
    const c = policyOrder(a, b);
    if (c !== 0) return c;
    // Within a shared rank: the chosen winner first, then by id (plain code-unit order, stable
    // everywhere, unlike localeCompare).
    if (a.applicantId === winner.winner) return -1;
    if (b.applicantId === winner.winner) return 1;
    return a.applicantId < b.applicantId ? -1 : a.applicantId > b.applicantId ? 1 : 0;
  });

  const ranking: RankedApplicant[] = sorted.map((t) => ({
    rank: 1 + tallies.filter((other) => policyOrder(other, t) < 0).length,
    applicantId: t.applicantId,
    meanScore: displayMean(t.total, t.voters),
    criteriaMeans: Object.fromEntries(CRITERION_KEYS.map((k) => [k, displayMean(t.criteria[k], t.voters)])) as Record<CriterionKey, number>,
    voters: t.voters,
    qualifies: qualifies(t),
  }));

  return { ranking, ...winner };
}

type WinnerPart = Pick<RankingResult, 'winner' | 'noWinnerReason' | 'tieBreak'>;

function pickWinner(
  ruleSet: RuleSet,
  tallies: Tally[],
  qualifies: (t: Tally) => boolean,
  steps: PolicyStep[],
  chairProposal: string | undefined,
): WinnerPart {
  if (tallies.length === 0) {
    return { winner: null, noWinnerReason: 'Chưa có phiếu chấm điểm nào của thành viên Hội đồng' };
  }
  const qualifying = tallies.filter(qualifies);
  if (qualifying.length === 0) {
    return {
      winner: null,
      noWinnerReason: `Không có nhà đầu tư nào đạt tối thiểu ${formatNumberVi(ruleSet.scoring.passMark)} điểm (Nghị định 32/2024, Điều 13 khoản 2)`,
    };
  }

  const best = qualifying.reduce((a, b) => (byMean(b, a) > 0 ? b : a));
  const tied = qualifying.filter((t) => byMean(t, best) === 0);
  if (tied.length === 1) return { winner: best.applicantId };

  const tiedApplicants = tied.map((t) => t.applicantId).sort();
  const meanText = formatNumberVi(displayMean(best.total, best.voters));
  const intro = `${tiedApplicants.join(', ')} bằng điểm trung bình ${meanText}`;

  // Apply the policy's criteria in turn, keeping only those best on each.
  let remaining = tied;
  for (const step of steps) {
    const top = remaining.reduce((a, b) => (step.compare(b, a) > 0 ? b : a));
    remaining = remaining.filter((t) => step.compare(t, top) === 0);
    if (remaining.length === 1) {
      const topMean = formatNumberVi(displayMean(top.criteria[step.key], top.voters));
      return {
        winner: top.applicantId,
        tieBreak: {
          tiedApplicants,
          method: step.method,
          explanation: `${intro}; ${top.applicantId} có điểm trung bình ${step.label} cao hơn (${topMean})`,
        },
      };
    }
  }

  const stillTied = remaining.map((t) => t.applicantId).sort();
  const byCriteria = steps.length ? ', cả điểm phương án tài chính và năng lực, kinh nghiệm cũng bằng nhau' : '';
  if (chairProposal !== undefined && stillTied.includes(chairProposal)) {
    return {
      winner: chairProposal,
      tieBreak: {
        tiedApplicants,
        method: 'chair-proposal',
        explanation: `${intro}${byCriteria}; chọn ${chairProposal} theo đề xuất của Chủ tịch Hội đồng (Nghị định 32/2024)`,
      },
    };
  }
  const ignored = chairProposal !== undefined ? ` Đề xuất hiện có (${chairProposal}) không thuộc các nhà đầu tư đang bằng điểm.` : '';
  return {
    winner: null,
    noWinnerReason: `${intro}${byCriteria}; cần đề xuất của Chủ tịch Hội đồng để chọn một trong: ${stillTied.join(', ')} (Nghị định 32/2024).${ignored}`,
    tieBreak: {
      tiedApplicants,
      method: 'chair-proposal',
      explanation: `Chờ đề xuất của Chủ tịch Hội đồng giữa ${stillTied.join(', ')}`,
    },
  };
}
