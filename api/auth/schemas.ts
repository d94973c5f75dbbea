import { Role } from '../../generated/prisma/client';
import { text, z } from '../http/zod';

export const LoginSchema = z
  .object({
    username: text().trim().min(1, 'Cần tên đăng nhập').max(100),
    password: text().min(1, 'Cần mật khẩu').max(200),
  })
  .strict()
  .openapi('Login');

export const TokenSchema = z
  .object({
    token: z.string().openapi({ description: 'JWT (HS256); gửi lại trong header Authorization: Bearer <token>' }),
    tokenType: z.literal('Bearer'),
    expiresAt: z.string().openapi({ description: 'Thời điểm hết hạn (ISO 8601), 8 giờ sau khi đăng nhập' }),
  })
  .openapi('Token');

export const AuthUserSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    fullName: z.string(),
    roles: z.array(z.enum(Role)),
    departmentId: z.string().nullable(),
    departmentCode: z.string().nullable(),
    councilRole: z.enum(['CHAIR', 'VICE_CHAIR', 'MEMBER', 'SECRETARY']).nullable(),
  })
  .openapi('AuthUser');
