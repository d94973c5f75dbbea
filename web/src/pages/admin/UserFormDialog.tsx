/**
 * The dialog that creates an account or edits one: name, e-mail, roles, department, council seat,
 * active, and a password (required for a new account, optional to reset one). The server decides
 * what is valid (a reviewer needs a department, a council seat needs the council role, the last
 * administrator stays): its refusal lands on the field it names, or above the buttons.
 */
import { Button, Checkbox, Group, Modal, PasswordInput, Select, Stack, Switch, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { api, call } from '../../api/client';
import type { components } from '../../api/openapi';
import { problemOf, type Problem } from '../../api/problem';
import { applyFieldErrors, ProblemAlert } from '../../components/ProblemAlert';
import { ROLE_LABELS, type Role } from '../../labels';

export type User = components['schemas']['User'];
type CouncilRole = NonNullable<User['councilRole']>;

export const COUNCIL_ROLE_LABELS: Record<CouncilRole, string> = {
  CHAIR: 'Chủ tịch hội đồng',
  VICE_CHAIR: 'Phó chủ tịch hội đồng',
  MEMBER: 'Uỷ viên',
  SECRETARY: 'Thư ký (không biểu quyết)',
};

interface UserForm {
  username: string;
  fullName: string;
  email: string;
  password: string;
  roles: Role[];
  departmentCode: string;
  councilRole: CouncilRole | '';
  active: boolean;
}

const FIELDS = ['username', 'fullName', 'email', 'password', 'roles', 'departmentCode', 'councilRole', 'active'] as const;

function initialValues(user: User | null): UserForm {
  return {
    username: user?.username ?? '',
    fullName: user?.fullName ?? '',
    email: user?.email ?? '',
    password: '',
    roles: user?.roles ?? [],
    departmentCode: user?.departmentCode ?? '',
    councilRole: user?.councilRole ?? '',
    active: user?.active ?? true,
  };
}

/**
 * `user` null: a new account. Closed by Esc, by the close button, or after a successful save. Give it
 * a `key` per account, so the form starts from that account's values.
 */
export function UserFormDialog({ user, opened, onClose }: { user: User | null; opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const form = useForm<UserForm>({ defaultValues: initialValues(user) });
  const { register, control, handleSubmit, setError, formState } = form;
  const [problem, setProblem] = useState<Problem | null>(null);
  const isNew = user === null;

  const save = useMutation({
    mutationFn: (values: UserForm) => {
      const common = {
        fullName: values.fullName,
        email: values.email,
        roles: values.roles,
        departmentCode: values.departmentCode.trim() || null,
        councilRole: values.roles.includes('COUNCIL_MEMBER') && values.councilRole ? values.councilRole : null,
        active: values.active,
      };
      if (isNew) return call(api.POST('/api/users', { body: { username: values.username, password: values.password, ...common } }));
      return call(
        api.PATCH('/api/users/{id}', {
          params: { path: { id: user.id } },
          body: { ...common, ...(values.password ? { password: values.password } : {}) },
        }),
      );
    },
    onMutate: () => setProblem(null),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      setProblem(null);
      onClose();
    },
    onError: (error) => {
      const refused = problemOf(error);
      const left = applyFieldErrors(refused, FIELDS, setError);
      setProblem({ ...refused, errors: left });
    },
  });

  const roles = form.watch('roles');
  return (
    <Modal
      opened={opened}
      onClose={() => {
        setProblem(null);
        onClose();
      }}
      title={isNew ? 'Thêm tài khoản' : `Sửa tài khoản ${user.username}`}
      size="lg"
      closeButtonProps={{ 'aria-label': 'Đóng' }}
    >
      <form onSubmit={handleSubmit((values) => save.mutate(values))} noValidate>
        <Stack gap="sm">
          {isNew && (
            <TextInput
              label="Tên đăng nhập"
              description="3–50 ký tự: chữ thường, số, dấu chấm, gạch ngang"
              required
              data-autofocus
              error={formState.errors.username?.message}
              {...register('username', { required: 'Cần tên đăng nhập' })}
            />
          )}
          <TextInput
            label="Họ và tên"
            required
            data-autofocus={isNew ? undefined : true}
            error={formState.errors.fullName?.message}
            {...register('fullName', { required: 'Cần họ và tên' })}
          />
          <TextInput label="Email" type="email" required error={formState.errors.email?.message} {...register('email', { required: 'Cần email' })} />
          <Controller
            control={control}
            name="roles"
            rules={{ validate: (value) => value.length > 0 || 'Cần ít nhất một vai trò' }}
            render={({ field, fieldState }) => (
              <Checkbox.Group label="Vai trò" withAsterisk value={field.value} onChange={(value) => field.onChange(value as Role[])} error={fieldState.error?.message}>
                <Group gap="md" mt={4}>
                  {(Object.keys(ROLE_LABELS) as Role[]).map((role) => (
                    <Checkbox key={role} value={role} label={ROLE_LABELS[role]} />
                  ))}
                </Group>
              </Checkbox.Group>
            )}
          />
          <TextInput
            label="Mã sở, ngành"
            description="Ví dụ DOIT, DOF, DOC; bắt buộc với cán bộ góp ý"
            error={formState.errors.departmentCode?.message}
            {...register('departmentCode')}
          />
          {roles.includes('COUNCIL_MEMBER') && (
            <Controller
              control={control}
              name="councilRole"
              render={({ field, fieldState }) => (
                <Select
                  label="Ghế trong hội đồng"
                  placeholder="Không giữ ghế"
                  clearable
                  data={(Object.keys(COUNCIL_ROLE_LABELS) as CouncilRole[]).map((value) => ({ value, label: COUNCIL_ROLE_LABELS[value] }))}
                  value={field.value || null}
                  onChange={(value) => field.onChange((value ?? '') as CouncilRole | '')}
                  error={fieldState.error?.message}
                />
              )}
            />
          )}
          <PasswordInput
            label={isNew ? 'Mật khẩu' : 'Mật khẩu mới (để trống nếu không đổi)'}
            required={isNew}
            autoComplete="new-password"
            error={formState.errors.password?.message}
            {...register('password', { validate: (value) => !isNew || value.length > 0 || 'Cần mật khẩu' })}
          />
          <Controller
            control={control}
            name="active"
            render={({ field }) => (
              <Switch label="Đang hoạt động (tắt để khoá tài khoản)" checked={field.value} onChange={(event) => field.onChange(event.currentTarget.checked)} />
            )}
          />
          <ProblemAlert error={problem} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Huỷ
            </Button>
            <Button type="submit" loading={save.isPending}>
              {isNew ? 'Tạo tài khoản' : 'Lưu thay đổi'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
