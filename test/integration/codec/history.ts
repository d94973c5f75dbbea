import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

/** An applicant whose name, tax code and e-mail occur nowhere else, so finding them in bytes means a leak. */
export function uniqueApplicant() {
  const n = randomBytes(4).readUInt32BE(0);
  return {
    name: `Công ty TNHH Riêng Tư Số ${n}`,
    taxCode: `38${String(n % 100_000_000).padStart(8, '0')}`,
    email: `rieng.tu.${n}@example.vn`,
  };
}

/** Every workflow of a test file's task queue: dossiers and rounds alike carry applicant data. */
export async function workflowIdsOn(client: Client, taskQueue: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const execution of client.workflow.list({ query: `TaskQueue = '${taskQueue}'` })) ids.push(execution.workflowId);
  return ids;
}

/** The raw history as Temporal stores it, in its protobuf wire form. */
export async function rawHistory(client: Client, workflowId: string): Promise<{ history: temporal.api.history.v1.IHistory; bytes: Buffer }> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  return { history, bytes: Buffer.from(temporal.api.history.v1.History.encode(history).finish()) };
}

function isPayload(value: object): value is Payload {
  return 'metadata' in value && 'data' in value && typeof (value as Payload).metadata === 'object';
}

/**
 * Every payload of a history except search attributes, which Temporal indexes in clear by design
 * (and which therefore never hold personal data).
 */
export function payloadsOf(value: unknown, inSearchAttributes = false): Payload[] {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return [];
  if (isPayload(value)) return inSearchAttributes ? [] : [value];
  // The SDK writes its patch markers itself, past the data converter: they name the patch, nothing else (patchMarkersOf).
  if (isPatchMarker(value)) return [];
  const entries = Array.isArray(value) ? value.map((v) => ['', v] as const) : Object.entries(value);
  return entries.flatMap(([key, v]) => payloadsOf(v, inSearchAttributes || key === 'searchAttributes'));
}

const isPatchMarker = (value: object): value is { markerName: string; details: Record<string, { payloads?: Payload[] }> } => (value as { markerName?: unknown }).markerName === 'core_patch';

/** What the patch markers of a history carry, as JSON. */
export function patchMarkersOf(value: unknown): unknown[] {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return [];
  if (isPatchMarker(value)) return Object.values(value.details).flatMap((d) => (d.payloads ?? []).map((p) => JSON.parse(Buffer.from(p.data ?? []).toString()) as unknown));
  return Object.values(value).flatMap((v) => patchMarkersOf(v));
}

export const metadataText = (payload: Payload, key: string) => Buffer.from(payload.metadata?.[key] ?? []).toString();

/** A payload as the remote codec protocol carries it: bytes as base64. */
export function payloadToJson(payload: Payload): { metadata: Record<string, string>; data: string } {
  return {
    metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value ?? []).toString('base64')])),
    data: Buffer.from(payload.data ?? []).toString('base64'),
  };
}
