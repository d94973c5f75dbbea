/**
 * The one-stop desk files an investor's letter (POST /api/dossiers): the cluster from the
 * province's catalogue, the day the letter was received, the project and the applicant. One
 * Idempotency-Key per letter, kept until it is filed: a second press, a retry after a lost answer or
 * a 202 "still being recorded" never files it twice. Filed, the page says so, with the code, the
 * receipt to print and, for a refused letter, why.
 */
import { Alert, Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { api, call, idempotencyKey } from '../api/client';
import { ApiProblem, problemOf } from '../api/problem';
import { PageTitle } from '../components/PageTitle';
import { applyFieldErrors, ProblemAlert } from '../components/ProblemAlert';
import { formatDate, parseDisplayDate, todayInVietnam } from '../format/dates';
import { ROUND_STATUS_LABELS, STATUS_LABELS, type DossierStatus, type RoundStatus } from '../labels';
import type { Dossier } from './dossier/types';

interface LetterValues {
  clusterCode: string | null;
  receivedOn: string;
  projectTitle: string;
  applicant: { name: string; taxCode: string; email: string };
}

const FIELDS = ['clusterCode', 'receivedOn', 'projectTitle', 'applicant.name', 'applicant.taxCode', 'applicant.email'] as const;

/** While the API answers 202 (started, not yet recorded) or 503 (a service away), the same key is sent again. */
const RETRY_MS = 2_000;
const GIVE_UP_MS = 60_000;

async function fileLetter(values: LetterValues, key: string): Promise<Dossier> {
  const body = {
    clusterCode: values.clusterCode ?? '',
    receivedOn: parseDisplayDate(values.receivedOn) ?? values.receivedOn,
    projectTitle: values.projectTitle,
    applicant: values.applicant,
  };
  const end = Date.now() + GIVE_UP_MS;
  for (;;) {
    const answer = await api.POST('/api/dossiers', { params: { header: { 'Idempotency-Key': key } }, body }).catch((error: unknown) => ({ data: undefined, error, response: null }));
    const status = answer.response?.status ?? 0;
    if (status === 201) return answer.data as unknown as Dossier;
    // 0: no answer (connection lost): the letter may be filed; the same key finds out.
    const again = status === 202 || status === 503 || status === 0;
    if (!again || Date.now() > end) throw new ApiProblem(problemOf(answer.error, status));
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
}

/** The refusal without the field errors already shown at their fields. */
function unplaced(error: unknown): unknown {
  if (!(error instanceof ApiProblem)) return error;
  return new ApiProblem({ ...error.problem, errors: (error.problem.errors ?? []).filter((e) => !(FIELDS as readonly string[]).includes(e.field)) });
}

/** Why a letter was refused, as the filing recorded it in the dossier's timeline. */
function refusalOf(dossier: Dossier): string | null {
  const event = dossier.timeline.find((e) => e.action.startsWith('dossier.refused'));
  const reason = (event?.newValue as { reason?: unknown } | null | undefined)?.reason;
  return typeof reason === 'string' ? reason : null;
}

function Filed({ dossier, onNext }: { dossier: Dossier; onNext: () => void }) {
  const refusal = refusalOf(dossier);
  return (
    <Paper withBorder p="md" component="section" aria-label="Kết quả tiếp nhận">
      <Stack gap="sm">
        <Alert color={refusal ? 'orange' : 'teal'} variant="light" title={refusal ? 'Văn bản không được tiếp nhận vào đợt' : 'Đã tiếp nhận hồ sơ'} role="status">
          <Text>
            Mã hồ sơ <strong data-testid="filed-code">{dossier.code}</strong> — {dossier.cluster.name}, ngày nhận {formatDate(dossier.filedOn)}; trạng thái:{' '}
            {STATUS_LABELS[dossier.status as DossierStatus] ?? dossier.status}.
          </Text>
          {refusal && <Text mt="xs">Lý do: {refusal} Nhà đầu tư đã được thông báo qua email.</Text>}
        </Alert>
        <Group>
          <Button component={Link} to={`/ho-so/${dossier.code}`}>
            Mở hồ sơ
          </Button>
          <Button component={Link} to={`/in/phieu-tiep-nhan/${dossier.code}`} variant="light" target="_blank">
            In phiếu tiếp nhận
          </Button>
          <Button variant="subtle" onClick={onNext}>
            Tiếp nhận văn bản khác
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

export function NewLetterPage() {
  const queryClient = useQueryClient();
  const catalogue = useQuery({ queryKey: ['catalogue', 'clusters'], queryFn: () => call(api.GET('/api/catalogue/clusters')) });
  const [key, setKey] = useState(idempotencyKey);
  const [filed, setFiled] = useState<Dossier | null>(null);
  const empty: LetterValues = { clusterCode: null, receivedOn: formatDate(todayInVietnam()), projectTitle: '', applicant: { name: '', taxCode: '', email: '' } };
  const form = useForm<LetterValues>({ defaultValues: empty });
  const filing = useMutation({
    mutationFn: (values: LetterValues) => fileLetter(values, key),
    onSuccess: async (dossier) => {
      setFiled(dossier);
      await queryClient.invalidateQueries({ queryKey: ['tasks'] });
      await queryClient.invalidateQueries({ queryKey: ['catalogue'] });
    },
    onError: (error) => {
      if (error instanceof ApiProblem) applyFieldErrors(error.problem, FIELDS, form.setError);
    },
  });
  const next = () => {
    setFiled(null);
    setKey(idempotencyKey());
    filing.reset();
    form.reset(empty);
  };
  const options = (catalogue.data ?? []).map((c) => {
    const round = c.latestRound ? ` — ${c.latestRound.code}: ${ROUND_STATUS_LABELS[c.latestRound.stage as RoundStatus] ?? c.latestRound.stage}` : ' — chưa có đợt';
    return { value: c.code, label: `${c.name} (${c.district})${c.hasInvestor ? ' — đã có chủ đầu tư' : round}` };
  });
  const required = (label: string) => ({ required: `Cần ${label}` });

  return (
    <Stack maw={760}>
      <PageTitle>Tiếp nhận hồ sơ mới</PageTitle>
      <Text>
        Ghi nhận văn bản đề nghị của nhà đầu tư. Văn bản mở đợt lựa chọn của cụm hoặc vào đợt đang nhận hồ sơ; nhà đầu tư nhận email xác nhận. Sau đó tải tài liệu lên ở trang hồ sơ.
      </Text>
      <ProblemAlert error={catalogue.error} title="Không tải được danh mục cụm công nghiệp" />
      {filed ? (
        <Filed dossier={filed} onNext={next} />
      ) : (
        <Paper withBorder p="md" component="section" aria-label="Văn bản đề nghị">
          <form onSubmit={form.handleSubmit((values) => filing.mutate(values))} noValidate>
            <Stack gap="sm">
              <Controller
                control={form.control}
                name="clusterCode"
                rules={required('chọn cụm công nghiệp')}
                render={({ field, fieldState }) => (
                  <Select
                    label="Cụm công nghiệp"
                    placeholder="Chọn cụm"
                    data={options}
                    searchable
                    nothingFoundMessage="Không có cụm nào khớp"
                    value={field.value}
                    onChange={field.onChange}
                    onBlur={field.onBlur}
                    error={fieldState.error?.message}
                    required
                  />
                )}
              />
              <TextInput
                label="Ngày nhận văn bản (dd/mm/yyyy)"
                required
                w={240}
                {...form.register('receivedOn', { validate: (v) => parseDisplayDate(v) !== null || 'Nhập ngày dạng dd/mm/yyyy' })}
                error={form.formState.errors.receivedOn?.message}
              />
              <TextInput label="Tên dự án" required {...form.register('projectTitle', required('tên dự án'))} error={form.formState.errors.projectTitle?.message} />
              <TextInput label="Tên nhà đầu tư" required {...form.register('applicant.name', required('tên nhà đầu tư'))} error={form.formState.errors.applicant?.name?.message} />
              <Group grow align="flex-start">
                <TextInput
                  label="Mã số thuế"
                  required
                  inputMode="numeric"
                  {...form.register('applicant.taxCode', required('mã số thuế'))}
                  error={form.formState.errors.applicant?.taxCode?.message}
                />
                <TextInput label="Email nhận thông báo" type="email" required {...form.register('applicant.email', required('email'))} error={form.formState.errors.applicant?.email?.message} />
              </Group>
              <ProblemAlert error={unplaced(filing.error)} />
              <Group>
                <Button type="submit" loading={filing.isPending}>
                  Tiếp nhận hồ sơ
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      )}
    </Stack>
  );
}
