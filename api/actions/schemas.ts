import { FINANCIAL_EVIDENCE_KINDS } from '../../domain';
import { z } from '../http/zod';

const version = z.number().int().min(0).openapi({ description: 'Phiên bản hồ sơ bạn đang xem (optimistic lock); phiên bản cũ bị từ chối 409.' });
const items = z.array(z.string().trim().min(1).max(500)).min(1).max(50);
const points = z.number().min(0).max(100);

export const CompletenessSchema = z
  .object({ complete: z.boolean(), missing: items.optional(), expectedVersion: version })
  .strict()
  .openapi('CompletenessCheck');

export const SupplementRequestSchema = z.object({ missing: items, expectedVersion: version }).strict().openapi('SupplementRequest');

export const SupplementSchema = z
  .object({ documents: items.openapi({ description: 'Tài liệu bổ sung nhà đầu tư đã nộp (ghi nhận tại bộ phận một cửa).' }) })
  .strict()
  .openapi('Supplement');

export const WithdrawalSchema = z.object({ reason: z.string().trim().min(3).max(2000) }).strict().openapi('Withdrawal');

export const OpinionSchema = z
  .object({
    verdict: z.enum(['AGREE', 'AGREE_WITH_CONDITIONS', 'OBJECT']),
    text: z.string().trim().max(10_000).default(''),
    taskVersion: z.number().int().min(0).openapi({ description: 'Phiên bản nhiệm vụ bạn đang xem.' }),
  })
  .strict()
  .openapi('Opinion');

export const ScreeningSchema = z
  .object({
    facts: z
      .object({
        legalStatus: z.object({ documentsValid: z.boolean(), dissolving: z.boolean(), suspended: z.boolean(), underProsecution: z.boolean() }).strict(),
        totalInvestmentVnd: z.number().int().positive(),
        equityVnd: z.number().int().min(0),
        landAreaHa: z.number().positive(),
        unremediedLandViolation: z.boolean(),
        financialEvidence: z.array(z.enum(FINANCIAL_EVIDENCE_KINDS as unknown as [string, ...string[]])),
        experienceEvidenceCertified: z.boolean(),
      })
      .strict(),
    expectedVersion: version,
  })
  .strict()
  .openapi('Screening');

export const ScoreSchema = z
  .object({
    criteria: z
      .object({ infrastructurePlan: points, environmentalProtectionPlan: points, capacityAndExperience: points, financialPlan: points })
      .strict(),
  })
  .strict()
  .openapi('ScoreSheet');

export const ReportSchema = z
  .object({ summary: z.string().trim().min(1).max(20_000), chairProposal: z.string().optional(), expectedVersion: version })
  .strict()
  .openapi('AppraisalReport');

export const DecisionSchema = z
  .object({ outcome: z.enum(['APPROVE', 'REJECT', 'RETURN']), reason: z.string().trim().max(5_000).default(''), expectedVersion: version })
  .strict()
  .openapi('Decision');

/** The workflow's answer: its snapshot (or the task / score sheet the action produced). */
export const ActionResultSchema = z.record(z.string(), z.unknown()).openapi('ActionResult');
