/** Financial evidence accepted at screening (DOMAIN.md §3): at least one is required. */
export type FinancialEvidenceKind =
  | 'audited-statements-2y'
  | 'parent-company-commitment'
  | 'bank-commitment'
  | 'financial-guarantee';

export const FINANCIAL_EVIDENCE_KINDS: readonly FinancialEvidenceKind[] = Object.freeze([
  'audited-statements-2y',
  'parent-company-commitment',
  'bank-commitment',
  'financial-guarantee',
] as const);

/** The pass/fail criteria of eligibility screening, checked before any scoring. */
export type ScreeningCriterion =
  | 'legal-status'
  | 'equity'
  | 'land-law-compliance'
  | 'financial-evidence'
  | 'experience-evidence';

export type ApplicantFacts = {
  legalStatus: { documentsValid: boolean; dissolving: boolean; suspended: boolean; underProsecution: boolean };
  /** Total investment of the project, integer VND. */
  totalInvestmentVnd: number;
  /** The applicant's equity (vốn chủ sở hữu), integer VND. */
  equityVnd: number;
  /** Land area of the project, hectares. */
  landAreaHa: number;
  unremediedLandViolation: boolean;
  financialEvidence: FinancialEvidenceKind[];
  experienceEvidenceCertified: boolean;
};

export type ScreeningFailure = { criterion: ScreeningCriterion; reason: string };

export type ScreeningResult = { eligible: boolean; failures: ScreeningFailure[] };
