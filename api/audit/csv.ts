/**
 * RFC 4180 CSV: fields with a comma, quote, CR or LF are quoted and their quotes doubled; rows end
 * with CRLF. A field that a spreadsheet would run as a formula (starting with = + - @, tab or CR) is
 * prefixed with an apostrophe (OWASP "CSV injection"), since audit values carry user-typed text.
 */
export function csvField(value: unknown): string {
  let text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
