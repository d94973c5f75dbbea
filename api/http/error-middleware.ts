import type { ErrorRequestHandler, RequestHandler } from 'express';
import { HttpProblem } from './problem';
import { serviceUnavailable, unavailableDependency } from './unavailable';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** What body-parser, the router and http-errors put on the errors they throw. */
interface ParserError extends Error {
  type?: string;
  status?: number;
  statusCode?: number;
  limit?: number;
}

const TITLES: Record<number, string> = {
  400: 'Dữ liệu không hợp lệ (Bad Request)',
  405: 'Phương thức không được phép (Method Not Allowed)',
  408: 'Hết thời gian gửi yêu cầu (Request Timeout)',
  411: 'Thiếu độ dài nội dung (Length Required)',
  413: 'Yêu cầu quá lớn (Payload Too Large)',
  414: 'Đường dẫn quá dài (URI Too Long)',
  415: 'Kiểu nội dung không hỗ trợ (Unsupported Media Type)',
  431: 'Header quá lớn (Request Header Fields Too Large)',
};

export const titleOf = (status: number) => TITLES[status] ?? 'Yêu cầu không hợp lệ (Client Error)';

const UNSUPPORTED_MEDIA =
  'Gửi thân yêu cầu dạng application/json, mã hoá UTF-8, không nén (không gửi header Content-Encoding, hoặc Content-Encoding: identity).';

function parserProblem(error: ParserError): HttpProblem | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return new HttpProblem(400, 'JSON không hợp lệ (Malformed JSON)', 'Thân yêu cầu không phải JSON hợp lệ; kiểm tra dấu ngoặc và dấu phẩy.');
    case 'entity.too.large':
      return new HttpProblem(413, titleOf(413), `Thân yêu cầu vượt giới hạn ${error.limit ?? ''} byte.`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpProblem(415, titleOf(415), UNSUPPORTED_MEDIA);
    case 'request.size.invalid':
    case 'request.aborted':
      return new HttpProblem(400, titleOf(400), 'Thân yêu cầu không khớp Content-Length hoặc bị ngắt giữa chừng; gửi lại toàn bộ yêu cầu.');
  }
  if (error instanceof URIError) {
    return new HttpProblem(400, titleOf(400), 'Đường dẫn có mã phần trăm (%) không hợp lệ; mã hoá lại tham số bằng encodeURIComponent.');
  }
  // Any other client error an Express layer raises (http-errors sets `status` and `expose`).
  const status = error.status ?? error.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new HttpProblem(status, titleOf(status), 'Yêu cầu không hợp lệ ở mức giao thức HTTP; kiểm tra đường dẫn, header và thân yêu cầu.');
  }
  return undefined;
}

function toProblem(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  const dependency = unavailableDependency(error);
  if (dependency) return serviceUnavailable(dependency);
  if (error instanceof Error) {
    const problem = parserProblem(error);
    if (problem) return problem;
  }
  return new HttpProblem(500, 'Lỗi hệ thống (Internal Server Error)', 'Đã xảy ra lỗi không mong muốn; yêu cầu chưa được thực hiện. Vui lòng thử lại hoặc báo quản trị viên kèm mã yêu cầu.');
}

/** The problem document of a status, for places outside Express (the HTTP server's clientError). */
export function problemDocument(problem: HttpProblem, instance?: string, requestId?: unknown): Record<string, unknown> {
  return { type: 'about:blank', title: problem.title, status: problem.status, detail: problem.detail, instance, requestId, ...problem.extra };
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new HttpProblem(404, 'Không tìm thấy (Not Found)', `Không có tài nguyên ${req.method} ${req.path}. Xem /api/docs.`));
};

/** The one place that writes error responses: every failure is an application/problem+json document. */
export const problemHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const problem = toProblem(error);
  if (problem.status >= 500) req.log?.[problem.status === 503 ? 'warn' : 'error']({ err: error }, problem.status === 503 ? 'dependency unavailable' : 'unhandled error');
  // The request deadline may have answered already; the late failure is only logged.
  if (res.headersSent) return;
  if (problem.status === 503) res.setHeader('Retry-After', String(problem.extra.retryAfterSeconds ?? 5));
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).json(problemDocument(problem, req.originalUrl, req.id));
};
