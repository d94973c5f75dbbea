import type { CriterionKey } from '../rules/types';

/** A council seat. The secretary keeps the minutes and does not vote (DOMAIN.md §1, §3). */
export type CouncilRole = 'chair' | 'vice-chair' | 'member' | 'secretary';

/** One council member's score sheet for one applicant. Points may have up to two decimals. */
export type MemberScore = {
  memberId: string;
  role: CouncilRole;
  applicantId: string;
  criteria: Record<CriterionKey, number>;
};

export type RankingInput = {
  scores: MemberScore[];
  /** The applicant the chair proposes, used only to break a tie for first place. */
  chairProposal?: string;
};

export type RankedApplicant = {
  /** 1-based; applicants the rule set's tie-break policy cannot separate share a rank. */
  rank: number;
  applicantId: string;
  /** Mean total over the voting members, rounded down to 2 decimals, for display only. */
  meanScore: number;
  /** Per-criterion means, rounded down to 2 decimals like meanScore. */
  criteriaMeans: Record<CriterionKey, number>;
  voters: number;
  qualifies: boolean;
};

/** How a tie for first place was (or still has to be) broken. */
export type TieBreakMethod = 'chair-proposal' | 'financial-plan' | 'capacity-and-experience';

export type TieBreak = {
  /** Qualifying applicants sharing the highest mean score, sorted by id. */
  tiedApplicants: string[];
  method: TieBreakMethod;
  explanation: string;
};

export type RankingResult = {
  ranking: RankedApplicant[];
  winner: string | null;
  noWinnerReason?: string;
  tieBreak?: TieBreak;
};
