export const MAX_FILE_NAME_LENGTH = 255;

export type FileNameCheck = { ok: true; name: string } | { ok: false; reason: string };

// C0 and C1 control characters, DEL, and the bidirectional overrides that disguise an extension.
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

/**
 * A file name as the uploader gave it, checked and put in NFC so that a name typed on macOS (NFD) and
 * on Windows (NFC) is the same name. The name is only ever shown and sent back in
 * Content-Disposition; it never becomes a path, but a name that looks like one is refused anyway
 * because no real document is called "../x".
 */
export function checkFileName(raw: string): FileNameCheck {
  const name = raw.normalize('NFC');
  if (name.trim() === '') return { ok: false, reason: 'Tên tệp trống; đặt tên cho tệp rồi tải lên lại.' };
  if ([...name].length > MAX_FILE_NAME_LENGTH) {
    return { ok: false, reason: `Tên tệp dài ${[...name].length} ký tự, tối đa ${MAX_FILE_NAME_LENGTH}; đổi tên ngắn hơn rồi tải lên lại.` };
  }
  if (/[/\\]/.test(name)) return { ok: false, reason: 'Tên tệp không được chứa dấu / hoặc \\ (đường dẫn thư mục); chỉ gửi tên tệp.' };
  if (FORBIDDEN.test(name)) return { ok: false, reason: 'Tên tệp chứa ký tự điều khiển không hiển thị được; đổi tên tệp rồi tải lên lại.' };
  if (name === '.' || name === '..') return { ok: false, reason: 'Tên tệp không hợp lệ; đặt tên cho tệp rồi tải lên lại.' };
  return { ok: true, name };
}
