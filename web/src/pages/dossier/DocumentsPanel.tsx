/**
 * The dossier's documents against its rule set's checklist: each item's state (present, missing,
 * defective with reasons), its versions with download, and for the intake officer an upload of the
 * next version of an item while the dossier still takes documents (the server says when not: 409).
 */
import { Badge, Button, FileInput, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { api, call, idempotencyKey } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../format/dates';
import type { DossierDocuments } from './types';
import { DOCUMENT_STATES } from './words';

type Version = DossierDocuments['items'][number]['versions'][number];

async function download(code: string, version: Version): Promise<void> {
  const blob = await call(
    api.GET('/api/dossiers/{code}/documents/{versionId}/content', { params: { path: { code, versionId: version.id } }, parseAs: 'blob' }),
  );
  const url = URL.createObjectURL(blob as unknown as Blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = version.fileName;
  link.click();
  URL.revokeObjectURL(url);
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`;
}

interface UploadValues {
  item: string | null;
  file: File | null;
}

function UploadForm({ code, documents }: { code: string; documents: DossierDocuments }) {
  const queryClient = useQueryClient();
  const form = useForm<UploadValues>({ defaultValues: { item: null, file: null } });
  const [uploaded, setUploaded] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: (values: UploadValues) => {
      const body = new FormData();
      body.append('item', values.item ?? '');
      if (values.file) body.append('file', values.file, values.file.name);
      return call(
        api.POST('/api/dossiers/{code}/documents', {
          params: { path: { code }, header: { 'Idempotency-Key': idempotencyKey() } },
          body: body as never,
          bodySerializer: (formData: unknown) => formData as FormData,
        }),
      );
    },
    onSuccess: async (_result, values) => {
      setUploaded(values.file?.name ?? null);
      form.reset({ item: values.item, file: null });
      await queryClient.invalidateQueries({ queryKey: ['documents', code] });
      await queryClient.invalidateQueries({ queryKey: ['dossier', code] });
    },
  });
  return (
    <form onSubmit={form.handleSubmit((values) => upload.mutate(values))} noValidate aria-label="Tải lên tài liệu">
      <Stack gap="xs">
        <Title order={3} size="h5">
          Tải lên tài liệu
        </Title>
        <Group align="flex-end" wrap="wrap">
          <Controller
            control={form.control}
            name="item"
            rules={{ required: 'Chọn thành phần hồ sơ' }}
            render={({ field, fieldState }) => (
              <Select
                label="Thành phần hồ sơ"
                data={documents.items.map((item) => ({ value: item.code, label: item.label }))}
                value={field.value}
                onChange={field.onChange}
                error={fieldState.error?.message}
                w={360}
                searchable
              />
            )}
          />
          <Controller
            control={form.control}
            name="file"
            rules={{ required: 'Chọn tệp' }}
            render={({ field, fieldState }) => (
              <FileInput label="Tệp" value={field.value} onChange={field.onChange} error={fieldState.error?.message} w={280} clearable />
            )}
          />
          <Button type="submit" loading={upload.isPending}>
            Tải lên
          </Button>
        </Group>
        {uploaded && !upload.error && (
          <Text size="sm" c="teal.9" role="status">
            Đã tải lên: {uploaded}
          </Text>
        )}
        <ProblemAlert error={upload.error} title="Không tải lên được" />
      </Stack>
    </form>
  );
}

export function DocumentsPanel({ code, canUpload }: { code: string; canUpload: boolean }) {
  const documents = useQuery({ queryKey: ['documents', code], queryFn: () => call(api.GET('/api/dossiers/{code}/documents', { params: { path: { code } } })) });
  const [downloadError, setDownloadError] = useState<unknown>(null);
  return (
    <section aria-labelledby="tai-lieu">
      <Title order={2} size="h4" id="tai-lieu" mb="xs">
        Tài liệu
      </Title>
      <ProblemAlert error={documents.error} />
      <ProblemAlert error={downloadError} title="Không tải xuống được" />
      {documents.data && (
        <Stack gap="sm">
          <Text size="sm">
            {documents.data.complete ? 'Đủ các thành phần bắt buộc theo danh mục.' : `Còn ${documents.data.problems.length} thành phần thiếu hoặc có sai sót.`}
          </Text>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Thành phần</Table.Th>
                <Table.Th w={150}>Tình trạng</Table.Th>
                <Table.Th>Các bản</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {documents.data.items.map((item) => {
                // An alternative of a group another item already satisfies is not missing for the person.
                const groupMet = item.state === 'missing' && item.group !== undefined && documents.data.items.some((o) => o.group === item.group && o.state === 'present');
                const state = groupMet ? { label: 'Không cần thêm', color: 'gray' } : (DOCUMENT_STATES[item.state] ?? { label: item.state, color: 'gray' });
                return (
                  <Table.Tr key={item.code} data-testid={`document-${item.code}`}>
                    <Table.Td>
                      {item.label}
                      <Text size="xs" c="dimmed">
                        {item.mandatory ? 'bắt buộc' : item.group ? 'cần ít nhất một trong nhóm' : 'không bắt buộc'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={state.color} variant="light">
                        {state.label}
                      </Badge>
                      {!groupMet && item.reasons.map((reason) => (
                        <Text size="xs" key={reason}>
                          {reason}
                        </Text>
                      ))}
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        {item.versions.map((version) => (
                          <Stack gap={0} key={version.id} align="flex-start">
                            <Button
                              variant="subtle"
                              size="compact-sm"
                              onClick={() => {
                                setDownloadError(null);
                                download(code, version).catch(setDownloadError);
                              }}
                              aria-label={`Tải xuống ${version.fileName}, bản ${version.version}`}
                            >
                              {version.fileName}
                            </Button>
                            <Text size="xs">
                              bản {version.version} · {sizeText(version.sizeBytes)} · {version.uploadedBy} · {formatDateTime(version.uploadedAt)}
                              {version.corrupt ? ' · hỏng' : ''}
                            </Text>
                          </Stack>
                        ))}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          {canUpload && <UploadForm code={code} documents={documents.data} />}
        </Stack>
      )}
    </section>
  );
}
