import type { DocumentType } from '../rules/checklists';

/** How many leading bytes sniffDocumentType needs to see: Office files name their parts early in the ZIP. */
export const SNIFF_BYTES = 64 * 1024;

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));

const PDF = ascii('%PDF-');
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];

/** Names of the ZIP entries in the first `bytes`, read from the local file headers in order. */
function zipEntryNames(bytes: Uint8Array): string[] {
  const names: string[] = [];
  let at = 0;
  while (at + 30 <= bytes.length && startsWith(bytes, ZIP_LOCAL_HEADER, at)) {
    const u16 = (o: number) => (bytes[at + o] as number) | ((bytes[at + o + 1] as number) << 8);
    const u32 = (o: number) => (u16(o) | (u16(o + 2) << 16)) >>> 0;
    const flags = u16(6);
    const compressedSize = u32(18);
    const nameLength = u16(26);
    const extraLength = u16(28);
    names.push(String.fromCharCode(...bytes.subarray(at + 30, at + 30 + nameLength)));
    // With a data descriptor (bit 3) the size is only known after the data: stop, the names seen so far must do.
    if (flags & 0x08) break;
    at += 30 + nameLength + extraLength + compressedSize;
  }
  return names;
}

/**
 * The type of a file judged from its first bytes (at least SNIFF_BYTES of them when the file is that
 * long), never from its name or the client's header: an executable renamed ".pdf" is undefined here.
 * DOCX and XLSX are ZIP packages told apart by their main part (word/ or xl/).
 */
export function sniffDocumentType(head: Uint8Array): DocumentType | undefined {
  if (startsWith(head, PDF)) return 'application/pdf';
  if (startsWith(head, PNG)) return 'image/png';
  if (startsWith(head, JPEG)) return 'image/jpeg';
  if (startsWith(head, ZIP_LOCAL_HEADER)) {
    const names = zipEntryNames(head);
    if (names.some((n) => n.startsWith('word/'))) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    if (names.some((n) => n.startsWith('xl/'))) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  }
  return undefined;
}

/** Short names people know the types by, for messages. */
export const DOCUMENT_TYPE_NAMES: Readonly<Record<DocumentType, string>> = Object.freeze({
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
});
