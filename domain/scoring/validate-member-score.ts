import { toHundredths } from '../exact';
import { formatNumberVi } from '../format';
import type { RuleSet } from '../rules/types';
import type { CouncilRole, MemberScore } from './types';

const ROLES: readonly CouncilRole[] = ['chair', 'vice-chair', 'member', 'secretary'];

/**
 * Everything wrong with one score sheet, in Vietnamese; empty when it is valid. Each voting member
 * scores every criterion of the rule set within its maximum (Decree 32/2024 Art. 13(2)); the
 * secretary does not vote. Points may have at most two decimals, so means compare exactly.
 */
export function validateMemberScore(ruleSet: RuleSet, score: MemberScore): string[] {
  const errors: string[] = [];
  if (typeof score.memberId !== 'string' || score.memberId.trim() === '') errors.push('Thiếu mã thành viên Hội đồng');
  if (typeof score.applicantId !== 'string' || score.applicantId.trim() === '') errors.push('Thiếu mã nhà đầu tư được chấm');
  if (!ROLES.includes(score.role)) {
    errors.push(`Vai trò trong Hội đồng không hợp lệ: ${String(score.role)}`);
  } else if (score.role === 'secretary') {
    errors.push('Thư ký Hội đồng không có quyền biểu quyết nên không chấm điểm (the secretary does not vote)');
  }

  const criteria = (score.criteria ?? {}) as Record<string, unknown>;
  for (const criterion of ruleSet.scoring.criteria) {
    const value = criteria[criterion.key];
    const label = `Tiêu chí "${criterion.name}"`;
    if (value === undefined || value === null) {
      errors.push(`${label}: chưa chấm điểm`);
    } else if (typeof value !== 'number' || !Number.isFinite(value)) {
      errors.push(`${label}: điểm không phải là số hữu hạn (${String(value)})`);
    } else if (value < 0) {
      errors.push(`${label}: điểm âm (${formatNumberVi(value, 6)})`);
    } else if (value > criterion.max) {
      errors.push(`${label}: ${formatNumberVi(value, 6)} điểm vượt điểm tối đa ${formatNumberVi(criterion.max)}`);
    } else if (toHundredths(value) === null) {
      errors.push(`${label}: điểm chỉ được có tối đa 2 chữ số thập phân (${value})`);
    }
  }
  const known = new Set<string>(ruleSet.scoring.criteria.map((c) => c.key));
  for (const key of Object.keys(criteria).sort()) {
    if (!known.has(key)) errors.push(`Tiêu chí không có trong bộ quy tắc ${ruleSet.id}: ${key}`);
  }
  return errors;
}
