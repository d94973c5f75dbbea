import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { developmentSecret } from './dev-secret';
import { PayloadKeysSchema } from './payload-codec';

const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /** Address the API listens on: loopback unless told otherwise, so demo accounts are not reachable from the network. */
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: z.string().url({ message: 'DATABASE_URL phải là URL postgresql://…' }),
    /** Named (prepared) statements, planned once per connection; false behind a pooler that cannot carry them (PgBouncer before 1.21). */
    DATABASE_PREPARED_STATEMENTS: z.enum(['true', 'false']).default('true').transform((value) => value === 'true'),
    TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default('investor-selection'),
    // Round workflow ids are built from cluster codes: installations sharing one Temporal namespace (several provinces, or test suites) give each its own prefix.
    // Training clock: outside production, workflows started afterwards count one day every DAY_SECONDS seconds.
    DAY_SECONDS: z.coerce.number().int().min(1).max(86_400).optional(),
    WORKFLOW_ID_PREFIX: z.string().regex(/^[A-Za-z0-9-]{0,40}$/, 'WORKFLOW_ID_PREFIX: chữ, số và dấu gạch ngang').default(''),
    SMTP_URL: z.string().url({ message: 'SMTP_URL phải là URL smtp://host:port' }),
    MAIL_FROM: z.string().min(3).default('"Hệ thống thẩm định CCN" <no-reply@ccn.longan.gov.vn>'),
    /** Base of links in mails; defaults to this machine's API port. */
    PUBLIC_BASE_URL: z.string().url().optional(),
    /** Unset outside production: a random secret generated once per DATA_DIR (infra/dev-secret.ts). */
    JWT_SECRET: z.string().min(16).optional(),
    DEMO_PASSWORD: z.string().min(1).default('demo'),
    /** Express `trust proxy`: false (direct), a hop count, or addresses of the load balancers. */
    TRUST_PROXY: z
      .string()
      .default('false')
      .transform((value) => (value === 'false' ? false : value === 'true' ? true : /^\d+$/.test(value) ? Number(value) : value)),
    /** Workflows a worker keeps in memory between their tasks (default in worker/create-worker.ts); one evicted is replayed from its history at its next task. */
    WORKER_CACHED_WORKFLOWS: z.coerce.number().int().min(2).max(100_000).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Temporal payload keys (infra/payload-codec.ts); unset outside production: a key kept in DATA_DIR. */
    PAYLOAD_KEYS: PayloadKeysSchema.optional(),
    /** Origins of the Temporal UI allowed to call the codec endpoint from the browser, comma-separated. */
    TEMPORAL_UI_ORIGINS: z
      .string()
      .default('http://127.0.0.1:8233,http://localhost:8233')
      .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean)),
    /**
     * Development only (`npm start` sets it): the dev server's Temporal UI has no sign-in, so it cannot
     * pass an access token; decode then also answers a request without one that comes from the
     * loopback interface and from an origin in TEMPORAL_UI_ORIGINS (the machine's own UI).
     */
    TEMPORAL_CODEC_LOOPBACK_UI: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
  })
  .superRefine((config, ctx) => {
    if (config.NODE_ENV === 'production' && !config.JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'production cần JWT_SECRET riêng (ít nhất 16 ký tự)' });
    }
    if (config.NODE_ENV === 'production' && config.DAY_SECONDS !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['DAY_SECONDS'], message: 'DAY_SECONDS (đồng hồ đào tạo) không dùng được trong production: thời hạn pháp lý tính theo ngày thật' });
    }
    if (config.NODE_ENV === 'production' && config.TEMPORAL_CODEC_LOOPBACK_UI) {
      ctx.addIssue({ code: 'custom', path: ['TEMPORAL_CODEC_LOOPBACK_UI'], message: 'TEMPORAL_CODEC_LOOPBACK_UI chỉ dùng khi phát triển: production giải mã cho quản trị viên đã đăng nhập' });
    }
    if (config.NODE_ENV === 'production' && !config.PUBLIC_BASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_BASE_URL'], message: 'production cần PUBLIC_BASE_URL: địa chỉ công khai của hệ thống, dùng cho đường dẫn trong thư và mã QR tra cứu trên phiếu' });
    }
    if (config.NODE_ENV === 'production' && !config.PAYLOAD_KEYS) {
      ctx.addIssue({ code: 'custom', path: ['PAYLOAD_KEYS'], message: 'production cần PAYLOAD_KEYS (khoá mã hoá dữ liệu Temporal), dạng <mã khoá>:<32 byte base64>' });
    }
  });

export type AppConfig = Omit<z.infer<typeof ConfigSchema>, 'PUBLIC_BASE_URL' | 'JWT_SECRET'> & { PUBLIC_BASE_URL: string; JWT_SECRET: string };

/** Validated once at start-up, so a bad setting stops the process with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Cấu hình không hợp lệ (invalid configuration):\n${lines.join('\n')}`);
  }
  return {
    ...parsed.data,
    PUBLIC_BASE_URL: parsed.data.PUBLIC_BASE_URL ?? `http://127.0.0.1:${parsed.data.PORT}`,
    JWT_SECRET: parsed.data.JWT_SECRET ?? developmentSecret('jwt-secret', () => randomBytes(32).toString('base64url'), env),
  };
}
