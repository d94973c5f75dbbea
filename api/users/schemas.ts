import { CouncilRole, Role } from '../../generated/prisma/client';
import { text, z } from '../http/zod';

const roles = z
  .array(z.enum(Role))
  .min(1, 'Cần ít nhất một vai trò')
  .refine((list) => new Set(list).size === list.length, 'Vai trò bị lặp');

const fields = {
  fullName: text().trim().min(2, 'Họ tên tối thiểu 2 ký tự').max(200),
  email: z.email('Email không hợp lệ').max(254),
  password: text().min(10, 'Mật khẩu tối thiểu 10 ký tự').max(200),
  roles,
  departmentCode: text().trim().min(1).max(64).nullable().openapi({ description: 'Mã sở, ngành (REVIEWER bắt buộc có)' }),
  councilRole: z.enum(CouncilRole).nullable().openapi({ description: 'Ghế trong hội đồng thường trực; chỉ với vai trò COUNCIL_MEMBER' }),
  active: z.boolean(),
};

export const CreateUserSchema = z
  .object({
    username: text()
      .regex(/^[a-z0-9][a-z0-9._-]{1,48}[a-z0-9]$/, 'Tên đăng nhập 3–50 ký tự: chữ thường, số, dấu chấm, gạch ngang, gạch dưới')
      .openapi({ example: 'reviewer.doc2' }),
    ...fields,
    departmentCode: fields.departmentCode.optional(),
    councilRole: fields.councilRole.optional(),
    active: fields.active.optional(),
  })
  .strict()
  .openapi('CreateUser');

export const UpdateUserSchema = z
  .object({
    fullName: fields.fullName.optional(),
    email: fields.email.optional(),
    password: fields.password.optional(),
    roles: fields.roles.optional(),
    departmentCode: fields.departmentCode.optional(),
    councilRole: fields.councilRole.optional(),
    active: fields.active.optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'Cần ít nhất một trường để sửa')
  .openapi('UpdateUser');

export const UserIdParamsSchema = z.object({ id: z.uuid('id là UUID') });

export const UserViewSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    fullName: z.string(),
    email: z.string(),
    roles: z.array(z.enum(Role)),
    departmentCode: z.string().nullable(),
    councilRole: z.enum(CouncilRole).nullable(),
    active: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('User');

export const UserListSchema = z.object({ items: z.array(UserViewSchema) }).openapi('UserList');

export type CreateUserRequest = z.infer<typeof CreateUserSchema>;
export type UpdateUserRequest = z.infer<typeof UpdateUserSchema>;
export type UserView = z.infer<typeof UserViewSchema>;
