import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from './zod';

export type DocsRegistration = (registry: OpenAPIRegistry) => void;

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem', { description: 'RFC 9457 problem document; `errors` lists each invalid field of a 400.' });

/** Standard error responses, so every documented route shows its problem documents. */
export function problemResponses(...statuses: number[]) {
  const descriptions: Record<number, string> = {
    400: 'Dữ liệu không hợp lệ',
    401: 'Chưa đăng nhập',
    403: 'Không có quyền',
    404: 'Không tìm thấy',
    409: 'Xung đột phiên bản hoặc trạng thái',
    413: 'Yêu cầu quá lớn',
    422: 'Không thể xử lý',
    429: 'Quá nhiều yêu cầu',
    503: 'Dịch vụ phụ thuộc không sẵn sàng',
  };
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: descriptions[status] ?? 'Lỗi', content: { 'application/problem+json': { schema: ProblemSchema } } },
    ]),
  );
}

/**
 * The legal core's reference computations (rule sets, deposit, screening, ranking) touch neither
 * PostgreSQL nor Temporal. Every other operation waits on one of them (signing in reads the account
 * from PostgreSQL), so it can answer 503 with Retry-After.
 */
const WITHOUT_DEPENDENCIES = /^\/api\/(rule-sets|rules)(\/|$)/;

type GeneratedDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

/** Adds the 503 to every operation that waits on a dependency, so no registration can forget it. */
function documentDependencyOutages(document: GeneratedDocument): GeneratedDocument {
  const [unavailable] = Object.values(problemResponses(503));
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    if (WITHOUT_DEPENDENCIES.test(path)) continue;
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = operations[method];
      if (operation?.responses && !operation.responses['503']) operation.responses['503'] = unavailable as NonNullable<typeof operation.responses>[string];
    }
  }
  return document;
}

export function buildOpenApiDocument(registrations: DocsRegistration[]) {
  const registry = new OpenAPIRegistry();
  registry.register('Problem', ProblemSchema);
  registry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  for (const register of registrations) register(registry);
  return documentDependencyOutages(new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Hệ thống lựa chọn và thẩm định chủ đầu tư hạ tầng cụm công nghiệp',
      version: '0.1.0',
      description:
        'API for choosing and appraising the infrastructure investors of industrial clusters (Decree 32/2024/NĐ-CP). Errors are application/problem+json.',
    },
    servers: [{ url: '/' }],
  }));
}
