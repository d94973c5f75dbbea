// Crockford's base32: no I, L, O or U, so a code read aloud or typed from paper is not misread.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A dossier code such as `CCN-7KQ4M-2XB9T`: 50 bits from the given bytes (random, or a hash of an
 * Idempotency-Key so a retried request maps to the same dossier). Unguessable enough that the
 * rate-limited public lookup cannot enumerate codes.
 */
export function dossierCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < 7) throw new Error('dossier code needs at least 7 bytes of entropy');
  let bits = 0n;
  for (let i = 0; i < 7; i++) bits = (bits << 8n) | BigInt(bytes[i] ?? 0);
  let chars = '';
  for (let i = 0; i < 10; i++) {
    chars += ALPHABET[Number(bits & 31n)];
    bits >>= 5n;
  }
  return `CCN-${chars.slice(0, 5)}-${chars.slice(5)}`;
}

export const DOSSIER_CODE_PATTERN = /^CCN-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/;
