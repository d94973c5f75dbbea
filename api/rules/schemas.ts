import { CRITERION_KEYS, FINANCIAL_EVIDENCE_KINDS, RULE_SETS, STAGE_KEYS } from '../../domain';
import { IsoDateSchema } from '../http/dates';
import { text, z } from '../http/zod';


/**
 * A non-negative integer written only with digits, as a query parameter: decimals ("1.5"), signs
 * ("-1", "+1"), exponents ("1e9"), blanks and values above Number.MAX_SAFE_INTEGER are refused.
 */
export function digitsInteger(what: string, max = Number.MAX_SAFE_INTEGER) {
  return text({ error: `${what}: cần một số nguyên không âm viết bằng chữ số` })
    .regex(/^\d{1,16}$/, `${what}: chỉ gồm chữ số 0–9 (không dấu, không phần thập phân, không số mũ)`)
    .transform(Number)
    .refine((n) => Number.isSafeInteger(n) && n <= max, `${what}: tối đa ${max}`)
    .openapi({ type: 'string', pattern: '^\\d+$' });
}

const RULE_SET_IDS = RULE_SETS.map((r) => r.id) as [string, ...string[]];

export const RuleSetIdSchema = z
  .enum(RULE_SET_IDS, { error: `Mã bộ quy tắc không tồn tại; chọn một trong: ${RULE_SET_IDS.join(', ')}` })
  .openapi({ example: 'decree-32-2024-two-level' });

/** Either the filing date (the rule set in force then) or a rule set id, not both; neither = in force today. */
const ruleSetChoice = {
  filedOn: IsoDateSchema.optional().openapi({ description: 'Ngày nộp hồ sơ: dùng bộ quy tắc có hiệu lực ngày đó' }),
  ruleSetId: RuleSetIdSchema.optional(),
};

// Refinements with `when` also run on input that failed the object's own checks (and the OpenAPI
// generator probes schemas with null), so they must accept anything.
function notBoth(v: unknown): boolean {
  const o = (v ?? {}) as { filedOn?: unknown; ruleSetId?: unknown };
  return o.filedOn === undefined || o.ruleSetId === undefined;
}
const NOT_BOTH = { path: ['ruleSetId'], message: 'Chỉ gửi một trong hai: filedOn hoặc ruleSetId', when: () => true };

// ---------------------------------------------------------------- rule sets

export const RuleSetParamsSchema = z.object({
  id: text().min(1).max(100).openapi({ example: 'decree-303-2026' }),
});

export const EffectiveRuleSetQuerySchema = z
  .object({ filedOn: IsoDateSchema.openapi({ description: 'Ngày nộp hồ sơ' }) })
  .strict();

const TimeLimitSchema = z.object({
  amount: z.number().int(),
  unit: z.enum(['working-days', 'calendar-days']),
});

export const RuleSetSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    legalBasis: z.array(z.string()),
    effectiveFrom: z.string().openapi({ format: 'date' }),
    effectiveUntil: z.string().nullable().openapi({ format: 'date', description: 'Ngày cuối áp dụng (ngày trước khi bộ quy tắc kế tiếp có hiệu lực); null nếu đang áp dụng' }),
    limits: z.object(Object.fromEntries(STAGE_KEYS.map((k) => [k, TimeLimitSchema])) as Record<string, typeof TimeLimitSchema>),
    consultedDepartments: z.array(z.string()),
    silenceMeansConsent: z.boolean(),
    council: z.object({ chair: z.string(), viceChairs: z.array(z.string()), secretary: z.string(), votingMembers: z.array(z.string()) }),
    scoring: z.object({
      criteria: z.array(
        z.object({
          key: z.string(),
          name: z.string(),
          max: z.number(),
          subCriteria: z.array(z.object({ key: z.string(), name: z.string(), max: z.number() })).optional(),
        }),
      ),
      passMark: z.number(),
      tieBreak: z.enum(['chair-proposal', 'financial-plan-then-capacity-then-chair']),
    }),
    equityThresholds: z.object({ landAreaHaBelow: z.number(), minEquityPercentBelow: z.number(), minEquityPercentAtOrAbove: z.number() }),
    depositBrackets: z.array(z.object({ upToVnd: z.number().nullable(), ratePercent: z.number() })),
    callAuthority: z.enum(['district-pc', 'commune-pc']),
    notes: z.array(z.string()),
  })
  .openapi('RuleSet');

// ---------------------------------------------------------------- deposit

export const DepositQuerySchema = z
  .object({
    capitalVnd: digitsInteger('capitalVnd').openapi({ description: 'Vốn đầu tư của dự án, đồng (chỉ chữ số)', example: '800000000000' }),
    ...ruleSetChoice,
  })
  .strict()
  .refine(notBoth, NOT_BOTH);

export const DepositResultSchema = z
  .object({
    capitalVnd: z.number().int(),
    depositVnd: z.number().int(),
    ruleSetId: z.string(),
  })
  .openapi('Deposit', { description: 'Ký quỹ theo Nghị định 31/2021, Điều 26 khoản 3 (lũy tiến từng phần); phần lẻ dưới 1 đồng được làm tròn xuống.' });

// ---------------------------------------------------------------- screening

const boolean = (what: string) => z.boolean({ error: `${what}: cần true hoặc false` });

/** An applicant's facts for eligibility screening (the legal core's ApplicantFacts). */
const applicantFactsShape = {
  legalStatus: z
    .object({
      documentsValid: boolean('Giấy tờ pháp lý hợp lệ'),
      dissolving: boolean('Đang giải thể'),
      suspended: boolean('Đang bị tạm ngừng, đình chỉ'),
      underProsecution: boolean('Đang bị truy cứu trách nhiệm hình sự'),
    })
    .strict(),
  totalInvestmentVnd: z
    .number({ error: 'Tổng vốn đầu tư: cần một số (đồng)' })
    .int('Tổng vốn đầu tư: số nguyên đồng')
    .positive('Tổng vốn đầu tư phải lớn hơn 0')
    .max(Number.MAX_SAFE_INTEGER, 'Tổng vốn đầu tư quá lớn'),
  equityVnd: z
    .number({ error: 'Vốn chủ sở hữu: cần một số (đồng)' })
    .int('Vốn chủ sở hữu: số nguyên đồng')
    .nonnegative('Vốn chủ sở hữu không được âm')
    .max(Number.MAX_SAFE_INTEGER, 'Vốn chủ sở hữu quá lớn'),
  landAreaHa: z.number({ error: 'Diện tích đất: cần một số (ha)' }).positive('Diện tích đất phải lớn hơn 0').max(100_000, 'Diện tích đất quá lớn'),
  unremediedLandViolation: boolean('Vi phạm pháp luật đất đai chưa khắc phục'),
  financialEvidence: z.array(z.enum(FINANCIAL_EVIDENCE_KINDS as [string, ...string[]], { error: `Loại tài liệu tài chính: một trong ${FINANCIAL_EVIDENCE_KINDS.join(', ')}` })).max(10),
  experienceEvidenceCertified: boolean('Tài liệu kinh nghiệm đã chứng thực'),
};

export const ApplicantFactsSchema = z.object(applicantFactsShape).strict().openapi('ApplicantFacts');

export const ScreeningRequestSchema = z
  .object({
    ...applicantFactsShape,
    ...ruleSetChoice,
  })
  .strict()
  .refine(notBoth, NOT_BOTH)
  .openapi('ScreeningRequest', { description: 'Các dữ kiện của nhà đầu tư (ApplicantFacts) và, tùy chọn, bộ quy tắc áp dụng.' });

export type ScreeningRequest = z.infer<typeof ScreeningRequestSchema>;

export const ScreeningResultSchema = z
  .object({
    eligible: z.boolean(),
    failures: z.array(z.object({ criterion: z.string(), reason: z.string() })),
    ruleSetId: z.string(),
  })
  .openapi('ScreeningResult');

// ---------------------------------------------------------------- ranking

const CriterionScore = z.number({ error: 'Điểm phải là một số' });

export const MemberScoreSchema = z
  .object({
    memberId: text().trim().min(1, 'Cần mã thành viên Hội đồng').max(100),
    role: z.enum(['chair', 'vice-chair', 'member', 'secretary'], { error: 'Vai trò: chair, vice-chair, member hoặc secretary' }),
    applicantId: text().trim().min(1, 'Cần mã nhà đầu tư').max(100),
    criteria: z
      .object(Object.fromEntries(CRITERION_KEYS.map((k) => [k, CriterionScore])) as Record<string, typeof CriterionScore>)
      .strict(),
  })
  .strict()
  .openapi('MemberScore');

export const RankingRequestSchema = z
  .object({
    ruleSetId: RuleSetIdSchema,
    scores: z.array(MemberScoreSchema).max(2000, 'Tối đa 2000 phiếu chấm'),
    chairProposal: text().trim().min(1).max(100).optional(),
  })
  .strict()
  .openapi('RankingRequest');

export type RankingRequest = z.infer<typeof RankingRequestSchema>;

export const RankingResultSchema = z
  .object({
    ruleSetId: z.string(),
    ranking: z.array(
      z.object({
        rank: z.number().int(),
        applicantId: z.string(),
        meanScore: z.number().openapi({ description: 'Điểm trung bình, làm tròn xuống 2 chữ số thập phân (chỉ để hiển thị)' }),
        criteriaMeans: z.record(z.string(), z.number()),
        voters: z.number().int(),
        qualifies: z.boolean(),
      }),
    ),
    winner: z.string().nullable(),
    noWinnerReason: z.string().optional(),
    tieBreak: z
      .object({ tiedApplicants: z.array(z.string()), method: z.enum(['chair-proposal', 'financial-plan', 'capacity-and-experience']), explanation: z.string() })
      .optional(),
  })
  .openapi('RankingResult');
