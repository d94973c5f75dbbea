import { checkFileName, sniffDocumentType } from '../../../../domain';

const bytes = (...parts: Array<string | number[]>) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? Array.from(p, (c) => c.charCodeAt(0)) : p)));

/** A ZIP local file header with a stored entry of `data`. */
function zipEntry(name: string, data = 'x', flags = 0): number[] {
  const u16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
  const u32 = (n: number) => [...u16(n & 0xffff), ...u16(n >>> 16)];
  return [0x50, 0x4b, 0x03, 0x04, ...u16(20), ...u16(flags), ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(data.length), ...u32(data.length), ...u16(name.length), ...u16(0), ...Array.from(name + data, (c) => c.charCodeAt(0))];
}

describe('sniffDocumentType judges the content, not the name', () => {
  test.each([
    ['PDF', bytes('%PDF-1.7\n'), 'application/pdf'],
    ['PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'image/png'],
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg'],
    ['DOCX', Uint8Array.from([...zipEntry('[Content_Types].xml', '<Types/>'), ...zipEntry('word/document.xml')]), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['XLSX', Uint8Array.from([...zipEntry('[Content_Types].xml'), ...zipEntry('xl/workbook.xml')]), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ])('%s', (_name, head, type) => {
    expect(sniffDocumentType(head)).toBe(type);
  });

  test.each([
    ['a Windows executable', bytes('MZ\x90\x00')],
    ['an ELF binary', bytes('\x7fELF')],
    ['a plain ZIP', Uint8Array.from(zipEntry('setup.exe'))],
    ['a ZIP whose second header hides behind a data descriptor', Uint8Array.from([...zipEntry('a.txt', 'x', 0x08), ...zipEntry('word/document.xml')])],
    ['HTML', bytes('<html>')],
    ['nothing', new Uint8Array()],
    ['a truncated PDF signature', bytes('%PD')],
  ])('%s is not a document type', (_name, head) => {
    expect(sniffDocumentType(head)).toBeUndefined();
  });
});

describe('checkFileName', () => {
  const nfc = 'Báo cáo tài chính 2025.pdf'.normalize('NFC');
  const nfd = nfc.normalize('NFD');

  test('NFC and NFD forms of a Vietnamese name are one name, kept in NFC', () => {
    expect(nfd).not.toBe(nfc);
    expect(checkFileName(nfd)).toEqual({ ok: true, name: nfc });
    expect(checkFileName(nfc)).toEqual({ ok: true, name: nfc });
  });

  test.each([
    ['a path', '../../etc/passwd', 'dấu /'],
    ['a Windows path', 'C:\\hồ sơ\\a.pdf', 'dấu /'],
    ['a control character', 'a\u0000.pdf', 'ký tự điều khiển'],
    ['a newline', 'a\n.pdf', 'ký tự điều khiển'],
    ['a right-to-left override', 'hoadon\u202Efdp.exe', 'ký tự điều khiển'],
    ['blank', '   ', 'trống'],
    ['500 characters', `${'a'.repeat(496)}.pdf`, 'tối đa 255'],
  ])('%s is refused with a reason', (_name, raw, reason) => {
    const result = checkFileName(raw);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain(reason);
  });

  test('255 characters is the longest accepted name, counted in characters not bytes', () => {
    const name = `${'ế'.repeat(251)}.pdf`;
    expect(checkFileName(name)).toEqual({ ok: true, name });
    expect(checkFileName(`ế${name}`).ok).toBe(false);
  });
});
