/** One invalid field of a request, as listed in a 400 problem document. */
export interface InvalidField {
  field: string;
  message: string;
}

/**
 * An error a service throws to answer with an RFC 9457 problem document. The detail is written
 * for the person at the other end: what went wrong and what to do about it.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

export const badRequest = (detail: string, errors: InvalidField[] = []) =>
  new HttpProblem(400, 'Dữ liệu không hợp lệ (Bad Request)', detail, errors.length ? { errors } : {});
export const unauthorized = (detail = 'Cần đăng nhập: gửi header Authorization: Bearer <token>.') =>
  new HttpProblem(401, 'Chưa xác thực (Unauthorized)', detail);
export const forbidden = (detail: string) => new HttpProblem(403, 'Không có quyền (Forbidden)', detail);
export const notFound = (detail: string) => new HttpProblem(404, 'Không tìm thấy (Not Found)', detail);
export const conflict = (detail: string, extra: Record<string, unknown> = {}) =>
  new HttpProblem(409, 'Xung đột trạng thái (Conflict)', detail, extra);
export const unprocessable = (detail: string, extra: Record<string, unknown> = {}) =>
  new HttpProblem(422, 'Không thể xử lý (Unprocessable Content)', detail, extra);
