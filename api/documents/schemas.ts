import { z } from '../http/zod';
import { DossierCodeParamsSchema } from '../dossiers/schemas';

export const VersionParamsSchema = DossierCodeParamsSchema.extend({
  versionId: z.string().uuid('Mã bản tài liệu là UUID').openapi({ example: '0f8e2a4c-6a43-4a5e-9d1f-2b5c7e9a1d3f' }),
});

export const VersionViewSchema = z
  .object({
    id: z.string().uuid(),
    item: z.string(),
    version: z.number().int(),
    fileName: z.string(),
    contentType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    uploadedBy: z.string(),
    uploadedAt: z.string(),
    corrupt: z.boolean(),
    contentUrl: z.string(),
  })
  .openapi('DocumentVersion');

export const UploadFormSchema = z.object({
  item: z.string().openapi({ description: 'Mã thành phần hồ sơ (checklist item code), sent BEFORE the file', example: 'FINANCIAL_PLAN' }),
  file: z.string().openapi({ type: 'string', format: 'binary' }),
});

export const DocumentListSchema = z
  .object({
    dossierCode: z.string(),
    ruleSetId: z.string(),
    complete: z.boolean(),
    problems: z.array(z.object({ code: z.string(), label: z.string(), kind: z.enum(['missing', 'defective']), reason: z.string() })),
    items: z.array(
      z.object({
        code: z.string(),
        label: z.string(),
        mandatory: z.boolean(),
        group: z.string().optional(),
        state: z.enum(['present', 'missing', 'defective']),
        version: z.number().int().optional(),
        reasons: z.array(z.string()),
        evidences: z.array(z.string()),
        acceptedTypes: z.array(z.string()),
        maxBytes: z.number().int(),
        versions: z.array(VersionViewSchema),
      }),
    ),
  })
  .openapi('DossierDocuments');
