import {
  ArgumentsHost,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { HubException } from '../errors/hub.exception.js';
import { correlationIdOf } from './correlation-id.middleware.js';

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
  correlationId?: string;
}

/** Messages for errors raised by the HTTP layer itself (body parser, routing), in Vietnamese. */
const HTTP_ERRORS: Record<number, { code: string; message: string }> = {
  400: { code: 'HTTP.BAD_REQUEST', message: 'Yêu cầu không hợp lệ.' },
  401: { code: 'AUTH.UNAUTHENTICATED', message: 'Chưa xác thực.' },
  403: { code: 'AUTH.FORBIDDEN', message: 'Không có quyền thực hiện thao tác này.' },
  404: { code: 'HTTP.NOT_FOUND', message: 'Không tìm thấy.' },
  413: { code: 'HTTP.PAYLOAD_TOO_LARGE', message: 'Nội dung gửi lên vượt quá giới hạn 10 MB.' },
  415: { code: 'HTTP.UNSUPPORTED_MEDIA_TYPE', message: 'Chỉ nhận nội dung application/json.' },
  429: { code: 'HTTP.TOO_MANY_REQUESTS', message: 'Quá nhiều yêu cầu, vui lòng thử lại sau.' },
};

/**
 * The one place where errors become HTTP answers: a code that survives process boundaries, a
 * Vietnamese message that says what to do, and the correlation id. Internals are never shown.
 */
@Catch()
export class HubExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HubExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const [status, body] = this.toBody(exception);
    body.correlationId = correlationIdOf(req);
    if (status >= 500) {
      this.logger.error({ err: exception, correlationId: body.correlationId }, 'unhandled error');
    }
    res.status(status).json(body);
  }

  private toBody(exception: unknown): [number, ErrorBody] {
    if (exception instanceof HubException) {
      return [
        exception.httpStatus,
        { error: { code: exception.code, message: exception.message, details: exception.details } },
      ];
    }
    // Nest wraps body-parser's errors in an HttpException and keeps the original as its cause.
    const bodyParser =
      bodyParserError(exception) ?? bodyParserError((exception as { cause?: unknown } | null)?.cause);
    if (bodyParser) return bodyParser;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const known = HTTP_ERRORS[status] ?? {
        code: `HTTP.${status}`,
        message: 'Yêu cầu không được chấp nhận.',
      };
      return [status, { error: known }];
    }
    return [
      HttpStatus.INTERNAL_SERVER_ERROR,
      {
        error: {
          code: 'INTERNAL',
          message: 'Lỗi hệ thống. Vui lòng thử lại hoặc báo cho bộ phận kỹ thuật kèm mã tương quan.',
        },
      },
    ];
  }
}

/** body-parser signals its failures with a `type` and `status` on a plain error. */
function bodyParserError(e: unknown): [number, ErrorBody] | undefined {
  if (typeof e !== 'object' || e === null || !('type' in e)) return undefined;
  const type = e.type;
  if (type === 'entity.parse.failed') {
    return [400, { error: { code: 'HTTP.MALFORMED_JSON', message: 'Nội dung JSON không đúng cú pháp.' } }];
  }
  if (type === 'entity.too.large') return [413, { error: HTTP_ERRORS[413] }];
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return [
      415,
      { error: { code: 'HTTP.UNSUPPORTED_ENCODING', message: 'Bảng mã không được hỗ trợ; hãy gửi UTF-8.' } },
    ];
  }
  return undefined;
}
