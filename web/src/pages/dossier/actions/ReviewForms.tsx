/**
 * The consulted department's opinion, the appraiser's screening facts and a council member's score
 * sheet. The score sheet takes each criterion's maximum and the pass mark from the dossier's rule
 * set (15/15/30/40 and 50 under Decree 32/2024) and shows the total as it is typed.
 */
import { Checkbox, Group, NumberInput, Radio, Stack, Text, Textarea } from '@mantine/core';
import { Controller, useForm } from 'react-hook-form';
import { api, call } from '../../../api/client';
import type { components } from '../../../api/openapi';
import type { Dossier, RuleSet } from '../types';
import { useAction } from '../useAction';
import { VERDICT_LABELS, withoutEnglishGloss } from '../words';
import { ActionCard } from './ActionCard';
import { dossierParams, onDossier } from './DossierForms';

type OpinionBody = components['schemas']['Opinion'];
type Facts = components['schemas']['ApplicantFacts'];

interface OpinionValues {
  verdict: OpinionBody['verdict'];
  text: string;
}

export function OpinionForm({ dossier, task }: { dossier: Dossier; task: { version: number; departmentCode: string | null } }) {
  const form = useForm<OpinionValues>({ defaultValues: { verdict: 'AGREE', text: '' } });
  const action = useAction<OpinionValues, Dossier>({
    ...onDossier(dossier),
    fields: ['verdict', 'text'],
    setError: form.setError,
    send: (values, key) =>
      call(
        api.POST('/api/dossiers/{code}/opinions', {
          params: dossierParams(dossier, key),
          body: { ...values, taskVersion: task.version },
        }),
      ),
  });
  return (
    <ActionCard
      title={`Ý kiến của ${task.departmentCode ?? 'sở, ngành'}`}
      description="Không có ý kiến trước hạn thì coi như đồng ý."
      action={action}
      onSubmit={form.handleSubmit(action.submit)}
      submitLabel="Gửi ý kiến"
    >
      <Controller
        control={form.control}
        name="verdict"
        render={({ field }) => (
          <Radio.Group label="Ý kiến" value={field.value} onChange={(v) => field.onChange(v)} error={form.formState.errors.verdict?.message}>
            <Stack gap={4} mt={4}>
              {(['AGREE', 'AGREE_WITH_CONDITIONS', 'OBJECT'] as const).map((verdict) => (
                <Radio key={verdict} value={verdict} label={VERDICT_LABELS[verdict]} />
              ))}
            </Stack>
          </Radio.Group>
        )}
      />
      <Textarea label="Nội dung ý kiến (bắt buộc khi có điều kiện hoặc không đồng ý)" autosize minRows={3} {...form.register('text')} error={form.formState.errors.text?.message} />
    </ActionCard>
  );
}

const FINANCIAL_EVIDENCE: { value: Facts['financialEvidence'][number]; label: string }[] = [
  { value: 'audited-statements-2y', label: 'Báo cáo tài chính đã kiểm toán 2 năm gần nhất' },
  { value: 'parent-company-commitment', label: 'Cam kết của công ty mẹ' },
  { value: 'bank-commitment', label: 'Cam kết của tổ chức tín dụng' },
  { value: 'financial-guarantee', label: 'Bảo lãnh tài chính' },
];

const LEGAL_STATUS: { key: keyof Facts['legalStatus']; label: string }[] = [
  { key: 'documentsValid', label: 'Giấy tờ pháp lý còn hiệu lực' },
  { key: 'dissolving', label: 'Đang giải thể' },
  { key: 'suspended', label: 'Bị đình chỉ, tạm ngừng hoạt động' },
  { key: 'underProsecution', label: 'Đang bị truy cứu trách nhiệm hình sự' },
];

const SCREENING_FIELDS = [
  'facts.totalInvestmentVnd',
  'facts.equityVnd',
  'facts.landAreaHa',
  'facts.financialEvidence',
  ...LEGAL_STATUS.map((s) => `facts.legalStatus.${s.key}`),
  'facts.unremediedLandViolation',
  'facts.experienceEvidenceCertified',
];

export function ScreeningForm({ dossier }: { dossier: Dossier }) {
  const form = useForm<{ facts: Facts }>({
    defaultValues: {
      facts: {
        legalStatus: { documentsValid: true, dissolving: false, suspended: false, underProsecution: false },
        totalInvestmentVnd: 0,
        equityVnd: 0,
        landAreaHa: 0,
        unremediedLandViolation: false,
        financialEvidence: [],
        experienceEvidenceCertified: false,
      },
    },
  });
  const errors = form.formState.errors.facts;
  const action = useAction<{ facts: Facts }, Dossier>({
    ...onDossier(dossier),
    fields: SCREENING_FIELDS,
    setError: form.setError,
    send: (values, key) =>
      call(
        api.POST('/api/dossiers/{code}/screening', {
          params: dossierParams(dossier, key),
          body: { facts: values.facts, expectedVersion: dossier.version },
        }),
      ),
  });
  const number = (name: 'totalInvestmentVnd' | 'equityVnd' | 'landAreaHa', label: string, suffix: string) => (
    <Controller
      control={form.control}
      name={`facts.${name}`}
      render={({ field }) => (
        <NumberInput
          label={label}
          suffix={suffix}
          thousandSeparator="."
          decimalSeparator=","
          min={0}
          value={field.value}
          onChange={(v) => field.onChange(typeof v === 'number' ? v : Number(v) || 0)}
          error={errors?.[name]?.message}
          w={300}
        />
      )}
    />
  );
  return (
    <ActionCard
      title="Đánh giá điều kiện (đạt / không đạt)"
      description="Nhập các thông tin trong hồ sơ; hệ thống áp dụng điều kiện của bộ quy tắc và ghi từng tiêu chí không đạt kèm lý do."
      action={action}
      onSubmit={form.handleSubmit(action.submit)}
      submitLabel="Ghi nhận kết quả đánh giá"
    >
      <Group align="flex-start" wrap="wrap">
        {number('totalInvestmentVnd', 'Tổng vốn đầu tư', ' đồng')}
        {number('equityVnd', 'Vốn chủ sở hữu', ' đồng')}
        {number('landAreaHa', 'Diện tích đất dự án', ' ha')}
      </Group>
      <Stack gap={4}>
        <Text fw={600} size="sm">
          Tư cách pháp lý
        </Text>
        {LEGAL_STATUS.map((status) => (
          <Checkbox key={status.key} label={status.label} {...form.register(`facts.legalStatus.${status.key}`)} error={errors?.legalStatus?.[status.key]?.message} />
        ))}
        <Checkbox label="Còn vi phạm pháp luật đất đai chưa khắc phục" {...form.register('facts.unremediedLandViolation')} />
        <Checkbox label="Có tài liệu chứng minh kinh nghiệm được chứng thực" {...form.register('facts.experienceEvidenceCertified')} />
      </Stack>
      <Controller
        control={form.control}
        name="facts.financialEvidence"
        render={({ field }) => (
          <Checkbox.Group label="Chứng minh năng lực tài chính (ít nhất một)" value={field.value} onChange={field.onChange} error={errors?.financialEvidence?.message}>
            <Stack gap={4} mt={4}>
              {FINANCIAL_EVIDENCE.map((evidence) => (
                <Checkbox key={evidence.value} value={evidence.value} label={evidence.label} />
              ))}
            </Stack>
          </Checkbox.Group>
        )}
      />
    </ActionCard>
  );
}

type Criteria = Record<string, number | ''>;

export function ScoreForm({ dossier, ruleSet }: { dossier: Dossier; ruleSet: RuleSet }) {
  const { criteria, passMark } = ruleSet.scoring;
  const form = useForm<{ criteria: Criteria }>({ defaultValues: { criteria: Object.fromEntries(criteria.map((c) => [c.key, ''])) } });
  const values = form.watch('criteria');
  const total = criteria.reduce((sum, c) => sum + (Number(values[c.key]) || 0), 0);
  const action = useAction<{ criteria: Criteria }, Dossier>({
    ...onDossier(dossier),
    fields: criteria.map((c) => `criteria.${c.key}`),
    setError: form.setError,
    send: (sheet, key) =>
      call(
        api.POST('/api/dossiers/{code}/scores', {
          params: dossierParams(dossier, key),
          body: { criteria: Object.fromEntries(criteria.map((c) => [c.key, Number(sheet.criteria[c.key])])) as components['schemas']['ScoreSheet']['criteria'] },
        }),
      ),
  });
  return (
    <ActionCard
      title="Phiếu chấm điểm"
      description={`Chấm từng tiêu chí trong mức tối đa; nhà đầu tư đạt khi điểm bình quân từ ${passMark} điểm.`}
      action={action}
      onSubmit={form.handleSubmit(action.submit)}
      submitLabel="Gửi phiếu chấm điểm"
    >
      <Group align="flex-start" wrap="wrap">
        {criteria.map((criterion) => (
          <Controller
            key={criterion.key}
            control={form.control}
            name={`criteria.${criterion.key}`}
            rules={{
              validate: (v) => {
                if (v === '' || v === undefined) return `Chấm điểm tiêu chí này (0–${criterion.max})`;
                if (Number(v) < 0 || Number(v) > criterion.max) return `Tối đa ${criterion.max} điểm`;
                return true;
              },
            }}
            render={({ field, fieldState }) => (
              <NumberInput
                label={`${withoutEnglishGloss(criterion.name)} (tối đa ${criterion.max})`}
                min={0}
                max={criterion.max}
                clampBehavior="none"
                decimalScale={2}
                decimalSeparator=","
                value={field.value}
                onChange={(v) => field.onChange(v === '' ? '' : Number(v))}
                onBlur={field.onBlur}
                error={fieldState.error?.message}
                w={230}
              />
            )}
          />
        ))}
      </Group>
      <Text fw={700} c={total >= passMark ? 'teal.9' : 'red.9'} aria-live="polite" data-testid="score-total">
        Tổng: {total.toLocaleString('vi-VN')} / 100 điểm — {total >= passMark ? `đạt (từ ${passMark} điểm)` : `chưa đạt ${passMark} điểm`}
      </Text>
    </ActionCard>
  );
}
