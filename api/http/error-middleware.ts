import type { ErrorRequestHandler, RequestHandler } from 'express';
import { HttpProblem } from './problem';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
}

function toProblem(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  const parserError = error as BodyParserError;
  if (parserError?.type === 'entity.parse.failed') {
    return new HttpProblem(400, 'JSON không hợp lệ (Malformed JSON)', 'Thân yêu cầu không phải JSON hợp lệ; kiểm tra dấu ngoặc và dấu phẩy.');
  }
  if (parserError?.type === 'entity.too.large') {
    return new HttpProblem(413, 'Yêu cầu quá lớn (Payload Too Large)', `Thân yêu cầu vượt giới hạn ${parserError.limit ?? ''} byte.`);
  }
  if (parserError?.type === 'encoding.unsupported' || parserError?.status === 415) {
    return new HttpProblem(415, 'Kiểu nội dung không hỗ trợ (Unsupported Media Type)', 'Gửi thân yêu cầu dạng application/json, mã hoá UTF-8.');
  }
  return new HttpProblem(500, 'Lỗi hệ thống (Internal Server Error)', 'Đã xảy ra lỗi không mong muốn; yêu cầu chưa được thực hiện. Vui lòng thử lại hoặc báo quản trị viên kèm mã yêu cầu.');
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new HttpProblem(404, 'Không tìm thấy (Not Found)', `Không có tài nguyên ${req.method} ${req.path}. Xem /api/docs.`));
};

/** The one place that writes error responses: every failure is an application/problem+json document. */
export const problemHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const problem = toProblem(error);
  if (problem.status >= 500) req.log?.error({ err: error }, 'unhandled error');
  res
    .status(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .json({
      type: 'about:blank',
      title: problem.title,
      status: problem.status,
      detail: problem.detail,
      instance: req.originalUrl,
      requestId: req.id,
      ...problem.extra,
    });
};
