import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { problemDocument, titleOf } from './error-middleware';
import { HttpProblem } from './problem';

/** Node's parser errors that have their own status; any other malformed request is a 400. */
const STATUS_BY_CODE: Record<string, number> = { HPE_HEADER_OVERFLOW: 431, HPE_URI_OVERFLOW: 414, ERR_HTTP_REQUEST_TIMEOUT: 408 };

const DETAILS: Record<number, string> = {
  431: 'Header của yêu cầu quá lớn; giảm kích thước header (cookie, token) rồi gửi lại.',
  414: 'Đường dẫn quá dài; rút gọn tham số truy vấn.',
  408: 'Yêu cầu không được gửi xong trong thời hạn; gửi lại.',
  400: 'Yêu cầu HTTP không đúng cú pháp; kiểm tra đường dẫn và header.',
};

/**
 * Node answers a request its parser refuses (headers too large, bad syntax) before Express sees it,
 * with a bare status line; this writes the same problem document the API gives everywhere else.
 */
export function answerClientErrorsWithProblems(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A reset or half-written response: nobody is listening for an answer.
    if (error.code === 'ECONNRESET' || !socket.writable || (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent) {
      socket.destroy();
      return;
    }
    const status = STATUS_BY_CODE[error.code ?? ''] ?? 400;
    const problem = new HttpProblem(status, titleOf(status), DETAILS[status] ?? DETAILS[400] ?? '');
    const body = JSON.stringify(problemDocument(problem));
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
