/**
 * Public lookup (/tra-cuu), no sign-in: anyone holding a dossier code sees the four public facts
 * (cluster, stage, status, expected date) and nothing personal. The code is kept in the address
 * (/tra-cuu/CCN-…), which is what the QR code on the receipt points to.
 */
import { Alert, Button, Container, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, call } from '../api/client';
import { ApiProblem } from '../api/problem';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDate } from '../format/dates';
import { STAGE_LABELS, STATUS_LABELS } from '../labels';

export function PublicLookupPage() {
  const { code = '' } = useParams();
  const navigate = useNavigate();
  const [input, setInput] = useState(code);
  // The field shows the code being looked up as the address has it (upper case, trimmed).
  useEffect(() => setInput(code), [code]);
  useEffect(() => {
    document.title = 'Tra cứu hồ sơ · Thẩm định chủ đầu tư hạ tầng CCN';
  }, []);
  const lookup = useQuery({
    queryKey: ['public-dossier', code],
    queryFn: () => call(api.GET('/api/public/dossiers/{code}', { params: { path: { code } } })),
    enabled: code !== '',
    retry: false,
  });
  const unknown = lookup.error instanceof ApiProblem && lookup.error.status === 404;

  return (
    <Container size="sm" p="md" component="main">
      <Stack>
        <Title order={1} size="h2">
          Tra cứu tình trạng hồ sơ
        </Title>
        <Text>Nhập mã hồ sơ in trên phiếu tiếp nhận (dạng CCN-XXXXX-XXXXX).</Text>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            const wanted = input.trim().toUpperCase();
            if (wanted) void navigate(`/tra-cuu/${encodeURIComponent(wanted)}`);
          }}
        >
          <Group align="flex-end" wrap="wrap">
            <TextInput
              label="Mã hồ sơ"
              value={input}
              onChange={(event) => setInput(event.currentTarget.value)}
              autoComplete="off"
              style={{ flex: '1 1 220px' }}
            />
            <Button type="submit" loading={lookup.isFetching}>
              Tra cứu
            </Button>
          </Group>
        </form>
        {unknown && (
          <Alert color="yellow" title="Không tìm thấy hồ sơ" role="alert">
            Không có hồ sơ mang mã {code}. Kiểm tra lại mã trên phiếu tiếp nhận (chữ và số, có dấu gạch ngang).
          </Alert>
        )}
        {lookup.isError && !unknown && <ProblemAlert error={lookup.error} />}
        {lookup.data && (
          <Paper withBorder p="md">
            <Table variant="vertical" layout="fixed" aria-label={`Tình trạng hồ sơ ${lookup.data.code}`}>
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th w="40%">Mã hồ sơ</Table.Th>
                  <Table.Td>{lookup.data.code}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>Cụm công nghiệp</Table.Th>
                  <Table.Td>{lookup.data.cluster}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>Bước xử lý</Table.Th>
                  <Table.Td>{STAGE_LABELS[lookup.data.stage]}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>Tình trạng</Table.Th>
                  <Table.Td>{STATUS_LABELS[lookup.data.status]}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>Ngày hẹn gần nhất</Table.Th>
                  <Table.Td>{lookup.data.expectedDate ? formatDate(lookup.data.expectedDate) : 'Chưa có'}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </Paper>
        )}
      </Stack>
    </Container>
  );
}
