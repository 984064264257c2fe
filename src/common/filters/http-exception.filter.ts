/**
 * The one place where errors become HTTP answers, in API.md's envelope:
 * `{ statusCode, error, message, path, timestamp }`. Domain errors map by code, framework
 * exceptions keep their status, Fastify's own 4xx (malformed JSON, wrong content type, body too
 * large) keep theirs, and anything else is logged and answered as a bare 500.
 */
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { Clock } from '../clock/clock';
import {
  DomainError,
  HTTP_STATUS_BY_CODE,
  RateLimitedError,
  UnavailableError,
  ValidationError,
} from '../errors';

export interface ErrorEnvelope {
  statusCode: number;
  error: string;
  message: string | string[];
  path: string;
  timestamp: string;
}

interface Answer {
  status: number;
  message: string | string[];
}

const INTERNAL: Answer = { status: 500, message: 'Internal server error' };

function isFastifyClientError(
  error: unknown,
): error is Error & { statusCode: number; code: string } {
  if (!(error instanceof Error)) return false;
  const { statusCode, code } = error as { statusCode?: unknown; code?: unknown };
  return (
    typeof statusCode === 'number' &&
    statusCode >= 400 &&
    statusCode < 500 &&
    typeof code === 'string' &&
    code.startsWith('FST_')
  );
}

function fromHttpException(exception: HttpException): Answer {
  const status = exception.getStatus();
  if (status >= 500) return { status, message: STATUS_CODES[status] ?? INTERNAL.message };
  const response = exception.getResponse();
  if (typeof response === 'string') return { status, message: response };
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return { status, message };
  if (Array.isArray(message) && message.every((item) => typeof item === 'string')) {
    return { status, message: message };
  }
  return { status, message: STATUS_CODES[status] ?? 'Error' };
}

@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ExceptionFilter');

  constructor(private readonly clock: Clock) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();

    const answer = this.answerFor(exception, request);
    const body: ErrorEnvelope = {
      statusCode: answer.status,
      error: STATUS_CODES[answer.status] ?? 'Error',
      message: answer.message,
      path: request.url.split('?')[0],
      timestamp: this.clock.date().toISOString(),
    };
    if (answer.status === 401) void reply.header('WWW-Authenticate', 'Bearer');
    if (
      exception instanceof UnavailableError ||
      (exception instanceof RateLimitedError && exception.retryAfterSeconds !== undefined)
    ) {
      void reply.header('Retry-After', String(exception.retryAfterSeconds));
    }
    void reply.status(answer.status).send(body);
  }

  private answerFor(exception: unknown, request: FastifyRequest): Answer {
    if (exception instanceof DomainError) {
      const status = HTTP_STATUS_BY_CODE[exception.code];
      if (exception instanceof ValidationError && exception.details) {
        return { status, message: exception.details };
      }
      // A busy server says so (503); any other 5xx hides its internals.
      if (status >= 500 && !(exception instanceof UnavailableError)) {
        return this.internal(exception, request);
      }
      return { status, message: exception.message };
    }
    if (exception instanceof HttpException) {
      if (exception.getStatus() >= 500) this.logUnexpected(exception, request);
      return fromHttpException(exception);
    }
    if (isFastifyClientError(exception)) {
      const message =
        exception.code === 'FST_ERR_CTP_INVALID_JSON' || exception instanceof SyntaxError
          ? 'Malformed JSON body'
          : exception.message;
      return { status: exception.statusCode, message };
    }
    return this.internal(exception, request);
  }

  private internal(exception: unknown, request: FastifyRequest): Answer {
    this.logUnexpected(exception, request);
    return INTERNAL;
  }

  private logUnexpected(exception: unknown, request: FastifyRequest): void {
    const detail = exception instanceof Error ? (exception.stack ?? exception.message) : exception;
    this.logger.error(
      `Unhandled error on ${request.method} ${request.url} (request ${request.id}): ${String(detail)}`,
    );
  }
}
