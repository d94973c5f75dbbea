import { DomainError } from '../errors';
import { requireHundredths } from '../exact';
import { formatHundredthsPercent, formatNumberVi, formatVnd } from '../format';
import type { RuleSet } from '../rules/types';
import {
  FINANCIAL_EVIDENCE_KINDS,
  type ApplicantFacts,
  type FinancialEvidenceKind,
  type ScreeningFailure,
  type ScreeningResult,
} from './types';

const EVIDENCE_NAMES: Record<FinancialEvidenceKind, string> = {
  'audited-statements-2y': 'báo cáo tài chính đã kiểm toán 2 năm gần nhất',
  'parent-company-commitment': 'cam kết hỗ trợ tài chính của công ty mẹ',
  'bank-commitment': 'cam kết cho vay của tổ chức tín dụng',
  'financial-guarantee': 'bảo lãnh tài chính',
};

function assertFacts(facts: ApplicantFacts): void {
  if (!Number.isSafeInteger(facts.totalInvestmentVnd) || facts.totalInvestmentVnd <= 0) {
    throw new DomainError('INVALID_ARGUMENT', `Tổng vốn đầu tư phải là số nguyên dương (đồng): ${facts.totalInvestmentVnd}`);
  }
  if (!Number.isSafeInteger(facts.equityVnd) || facts.equityVnd < 0) {
    throw new DomainError('INVALID_ARGUMENT', `Vốn chủ sở hữu phải là số nguyên không âm (đồng): ${facts.equityVnd}`);
  }
  if (!Number.isFinite(facts.landAreaHa) || facts.landAreaHa <= 0) {
    throw new DomainError('INVALID_ARGUMENT', `Diện tích đất phải là số dương (ha): ${facts.landAreaHa}`);
  }
}

function legalStatusFailure(facts: ApplicantFacts): string | null {
  const problems: string[] = [];
  const status = facts.legalStatus;
  if (!status.documentsValid) problems.push('giấy tờ pháp lý không hợp lệ');
  if (status.dissolving) problems.push('đang làm thủ tục giải thể');
  if (status.suspended) problems.push('đang bị tạm ngừng, đình chỉ hoạt động');
  if (status.underProsecution) problems.push('đang bị truy cứu trách nhiệm hình sự');
  return problems.length ? `Tư cách pháp lý không đạt: ${problems.join('; ')}` : null;
}

/**
 * Equity must reach a share of the total investment that depends on the land area (Land Law 2024
 * Art. 122(3)): 20 % under 20 ha, 15 % from 20 ha (exactly 20 ha uses 15 %). Compared exactly in
 * integers: equity × 10 000 ≥ rate in hundredths of a percent × total.
 */
function equityFailure(ruleSet: RuleSet, facts: ApplicantFacts): string | null {
  const { landAreaHaBelow, minEquityPercentBelow, minEquityPercentAtOrAbove } = ruleSet.equityThresholds;
  const small = facts.landAreaHa < landAreaHaBelow;
  const requiredPercent = small ? minEquityPercentBelow : minEquityPercentAtOrAbove;
  const requiredHundredths = BigInt(requireHundredths(requiredPercent, 'Tỷ lệ vốn chủ sở hữu tối thiểu'));
  const equity = BigInt(facts.equityVnd);
  const total = BigInt(facts.totalInvestmentVnd);
  if (equity * 10_000n >= requiredHundredths * total) return null;
  // Rounded down, so an actual share just under the threshold never displays as the threshold.
  const actualHundredths = (equity * 10_000n) / total;
  const band = small ? `dưới ${formatNumberVi(landAreaHaBelow)} ha` : `từ ${formatNumberVi(landAreaHaBelow)} ha trở lên`;
  return (
    `Vốn chủ sở hữu ${formatVnd(equity)} chỉ bằng ${formatHundredthsPercent(actualHundredths)} tổng vốn đầu tư ` +
    `${formatVnd(total)}, thấp hơn mức tối thiểu ${formatNumberVi(requiredPercent)} % đối với dự án ${band} ` +
    `(diện tích ${formatNumberVi(facts.landAreaHa, 4)} ha; Luật Đất đai 2024, Điều 122 khoản 3)`
  );
}

/**
 * Eligibility screening (pass/fail, DOMAIN.md §3), done before scoring: an ineligible applicant is
 * rejected with every failed criterion and its reason, and is not scored. Throws a DomainError when
 * the facts themselves are malformed (that is a data problem, not a failed criterion).
 */
export function screenApplicant(ruleSet: RuleSet, facts: ApplicantFacts): ScreeningResult {
  assertFacts(facts);
  const failures: ScreeningFailure[] = [];

  const legal = legalStatusFailure(facts);
  if (legal) failures.push({ criterion: 'legal-status', reason: legal });

  const equity = equityFailure(ruleSet, facts);
  if (equity) failures.push({ criterion: 'equity', reason: equity });

  if (facts.unremediedLandViolation) {
    failures.push({
      criterion: 'land-law-compliance',
      reason: 'Có vi phạm pháp luật về đất đai chưa khắc phục',
    });
  }

  const evidence = facts.financialEvidence.filter((kind) => FINANCIAL_EVIDENCE_KINDS.includes(kind));
  if (evidence.length === 0) {
    failures.push({
      criterion: 'financial-evidence',
      reason: `Thiếu tài liệu chứng minh năng lực tài chính: cần ít nhất một trong: ${FINANCIAL_EVIDENCE_KINDS.map((k) => EVIDENCE_NAMES[k]).join(', ')}`,
    });
  }

  if (!facts.experienceEvidenceCertified) {
    failures.push({
      criterion: 'experience-evidence',
      reason: 'Tài liệu chứng minh kinh nghiệm chưa được chứng thực',
    });
  }

  return { eligible: failures.length === 0, failures };
}
