/**
 * Sign-in. Comes back to the page the person was on (`?next=`), also when their token expired
 * mid-work (`?ly-do=expired`, set by the API client on a 401).
 */
import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import { problemOf } from '../api/problem';
import { readSession, safeNext, saveSession } from '../api/session';
import { applyFieldErrors, ProblemAlert } from '../components/ProblemAlert';

interface SignInForm {
  username: string;
  password: string;
}

export function SignInPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'));
  const [failure, setFailure] = useState<unknown>(null);
  const form = useForm<SignInForm>({ defaultValues: { username: '', password: '' } });
  const { errors, isSubmitting } = form.formState;

  useEffect(() => {
    document.title = 'Đăng nhập · Thẩm định chủ đầu tư hạ tầng CCN';
  }, []);

  if (readSession()) return <Navigate to={next} replace />;

  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      const token = await call(api.POST('/api/auth/login', { body: values }));
      saveSession({ token: token.token, expiresAt: token.expiresAt });
      void navigate(next, { replace: true });
    } catch (error) {
      const problem = problemOf(error);
      applyFieldErrors(problem, ['username', 'password'], form.setError);
      setFailure(error);
    }
  });

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={420}>
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Stack>
            <Title order={1} size="h3">
              Đăng nhập hệ thống thẩm định CCN
            </Title>
            {params.get('ly-do') === 'expired' && (
              <Alert color="yellow" title="Phiên đăng nhập đã hết hạn">
                Hãy đăng nhập lại; bạn sẽ trở về đúng trang đang làm.
              </Alert>
            )}
            <TextInput
              label="Tên đăng nhập"
              autoComplete="username"
              autoFocus
              required
              error={errors.username?.message}
              {...form.register('username', { required: 'Nhập tên đăng nhập' })}
            />
            <PasswordInput
              label="Mật khẩu"
              autoComplete="current-password"
              required
              error={errors.password?.message}
              {...form.register('password', { required: 'Nhập mật khẩu' })}
            />
            <ProblemAlert error={failure} />
            <Button type="submit" loading={isSubmitting}>
              Đăng nhập
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
