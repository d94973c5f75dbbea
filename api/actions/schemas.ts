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
const finding = z
  .object({
    item: text().trim().min(1).max(64).openapi({ description: 'Mã thành phần hồ sơ (checklist item code, GET /api/dossiers/{code}/documents)', example: 'LEGAL_STATUS' }),
    reason: multilineText().trim().min(3).max(1000).openapi({ description: 'Vì sao thành phần phải bổ sung hoặc nộp lại', example: 'Giấy chứng nhận đăng ký doanh nghiệp đã hết hiệu lực.' }),
  })
  .strict();
const findings = z.array(finding).max(50);
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
    items: findings.optional().openapi({
      description:
        'Sai sót cán bộ phát hiện ở từng thành phần mà hệ thống không tự thấy được (giấy hết hạn, bản sao chưa chứng thực). Các thành phần thiếu hoặc lỗi theo danh mục được hệ thống tự đưa vào yêu cầu bổ sung; complete = true bị từ chối (422 ChecklistIncomplete) khi còn thành phần thiếu hoặc lỗi.',
    }),
    expectedVersion,
  })
  .strict()
  .openapi('CompletenessCheck');

export const SupplementRequestSchema = z
  .object({ items: findings.min(1).openapi({ description: 'Thành phần nhà đầu tư phải bổ sung, mỗi thành phần kèm lý do; đồng hồ thẩm định tạm dừng.' }), expectedVersion })
  .strict()
  .openapi('SupplementRequest');

export const SupplementSchema = z
  .object({})
  .strict()
  .openapi({
    description:
      'Không có trường nào: tài liệu bổ sung là các bản đã tải lên (POST /api/dossiers/{code}/documents) từ khi có yêu cầu bổ sung; việc ghi nhận gắn các bản đó vào hồ sơ và đồng hồ thẩm định chạy lại.',
  })
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
