import { text, z } from '../http/zod';

const base64 = text()
  .max(4_000_000)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Phải là chuỗi base64')
  .openapi({ format: 'byte' });

/** One Temporal payload in the protobuf JSON form the Temporal UI and CLI send: bytes as base64. */
const PayloadJsonSchema = z
  .object({
    metadata: z.record(text().regex(/^[A-Za-z0-9._/-]{1,128}$/, 'Khoá metadata: chữ, số, . _ / -'), base64).optional(),
    data: base64.optional(),
  })
  .openapi('TemporalPayload');

export const CodecBodySchema = z
  // protobuf JSON leaves out an empty list: the CLI sends `{}` for no payloads.
  .object({ payloads: z.array(PayloadJsonSchema).max(10_000, 'Tối đa 10 000 payload một lần').default([]) })
  .openapi('TemporalCodecPayloads', { description: 'Remote codec protocol of the Temporal UI and CLI: `{ payloads: [...] }` both ways.' });

export type PayloadJson = z.infer<typeof PayloadJsonSchema>;
