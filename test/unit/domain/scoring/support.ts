import type { CouncilRole, MemberScore } from '../../../../domain';

/** A score sheet: [infrastructure /15, environment /15, capacity /30, financial /40]. */
export function sheet(
  memberId: string,
  applicantId: string,
  [infrastructurePlan, environmentalProtectionPlan, capacityAndExperience, financialPlan]: [number, number, number, number],
  role: CouncilRole = 'member',
): MemberScore {
  return { memberId, role, applicantId, criteria: { infrastructurePlan, environmentalProtectionPlan, capacityAndExperience, financialPlan } };
}
