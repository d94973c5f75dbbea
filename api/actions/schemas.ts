import { CRITERION_KEYS, RULE_SETS, type CriterionKey } from '../../domain';
import { ApplicantFactsSchema } from '../rules/schemas';
import { DossierViewSchema } from '../dossiers/schemas';
import { multilineText, text, z } from '../http/zod';

/**
 * Request bodies of the people's actions on a dossier. They check shape only; the actor (and the
 * reviewer's department, the council member's seat) come from the signed-in account, never from
 * here, and the business rules stay with the workflow's validators (a refusal is a 409/403/422).
 */

const expectedVersion = z
  .number()
  .int()
  .min(0)
  .openapi({ description: 'Phiên bản hồ sơ bạn đang xem (`version` của GET /api/dossiers/{code}); phiên bản cũ bị từ chối 409.' });
const documents = z.array(text().trim().min(1).max(500)).min(1).max(50);
const points = z.number().min(0).max(100);
// The maximum a client can check before sending: the highest any rule set gives the criterion. The
// workflow checks the score against its dossier's own rule set (a 422 names the criterion).
const criterionMaximum = (key: CriterionKey) => Math.max(...RULE_SETS.flatMap((r) => r.scoring.criteria.filter((c) => c.key === key).map((c) => c.max)));
const criterionPoints = Object.fromEntries(CRITERION_KEYS.map((key) => [key, points.openapi({ maximum: criterionMaximum(key) })])) as Record<
  CriterionKey,
  typeof points
>;

export const CompletenessSchema = z
  .object({
    complete: z.boolean(),
    missing: documents.optional().openapi({ description: 'Tài liệu còn thiếu; bắt buộc khi complete = false (hồ sơ chuyển sang chờ bổ sung).' }),
    expectedVersion,
  })
  .strict()
  .openapi('CompletenessCheck');

export const SupplementRequestSchema = z
  .object({ missing: documents.openapi({ description: 'Tài liệu nhà đầu tư phải bổ sung; đồng hồ thẩm định tạm dừng.' }), expectedVersion })
  .strict()
  .openapi('SupplementRequest');

export const SupplementSchema = z
  .object({ documents: documents.openapi({ description: 'Tài liệu bổ sung nhà đầu tư đã nộp (ghi nhận tại bộ phận một cửa).' }) })
  .strict()
  .openapi('Supplement');

export const WithdrawalSchema = z
  .object({ reason: multilineText().trim().min(3).max(2000).openapi({ description: 'Nội dung văn bản xin rút hồ sơ của nhà đầu tư.' }) })
  .strict()
  .openapi('Withdrawal');

export const OpinionSchema = z
  .object({
    verdict: z.enum(['AGREE', 'AGREE_WITH_CONDITIONS', 'OBJECT']),
    text: multilineText().trim().max(10_000).default('').openapi({ description: 'Nội dung ý kiến; bắt buộc khi có điều kiện hoặc phản đối.' }),
    taskVersion: z.number().int().min(0).openapi({ description: 'Phiên bản nhiệm vụ bạn đang xem (`version` trong GET /api/tasks).' }),
  })
  .strict()
  .openapi('Opinion');

export const ScreeningSchema = z
  .object({
    facts: ApplicantFactsSchema,
    expectedVersion,
  })
  .strict()
  .openapi('Screening');

export const ScoreSchema = z
  .object({
    criteria: z
      .object(criterionPoints)
      .strict()
      .openapi({ description: 'Điểm từng tiêu chí, trong mức tối đa của bộ quy tắc (15/15/30/40 theo Nghị định 32/2024).' }),
  })
  .strict()
  .openapi('ScoreSheet');

/** The dossier after the action, read back from the read model (PostgreSQL): the same view as GET /api/dossiers/{code}. */
export const ActionResultSchema = DossierViewSchema;

export type ActionResult = z.infer<typeof ActionResultSchema>;
