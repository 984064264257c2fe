/**
 * Logs: pino, JSON lines, the level from LOG_LEVEL. Requests are logged from Fastify's own
 * `onResponse` hook, one line each with its id, method, URL, status and time, and never a header
 * (so no credential can reach a log). Nest's own logs (start-up, services, the exception filter)
 * go to the same pino logger. A client may bring its own `x-request-id`; every answer carries one.
 */
import type { LoggerService } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import pino, { DestinationStream, Logger as Pino } from 'pino';
import type { AppConfig } from '../../config';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Fastify's request id: the client's `x-request-id` when it is sane, else a new UUID. */
export function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** Probes hit /health every few seconds; their lines would drown the useful ones. */
function isProbe(url: string): boolean {
  return url === '/health' || url.startsWith('/health/') || url.startsWith('/health?');
}

/** Writes to stdout unless told otherwise (specs read the lines back). */
export function createLogger(
  app: Pick<AppConfig, 'logLevel'>,
  destination: DestinationStream = pino.destination(1),
): Pino {
  return pino({ level: app.logLevel, base: { pid: process.pid } }, destination);
}

/** One line per answered request; 4xx are warnings, 5xx errors. */
export function logRequest(logger: Pino, request: FastifyRequest, reply: FastifyReply): void {
  if (isProbe(request.url)) return;
  const status = reply.statusCode;
  const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
  if (!logger.isLevelEnabled(level)) return;
  logger[level](
    {
      reqId: request.id,
      req: { method: request.method, url: request.url, remoteAddress: request.ip },
      res: { statusCode: status },
      responseTime: Math.round(reply.elapsedTime * 10) / 10,
    },
    'request completed',
  );
}

/** Nest's LoggerService over pino: a message, its context, and an error's stack when there is one. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Pino) {}

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }

  error(message: unknown, stackOrContext?: string, context?: string): void {
    // Nest passes (message, stack, context) for errors, or (message, context).
    if (context !== undefined) this.write('error', message, context, stackOrContext);
    else this.write('error', message, stackOrContext);
  }

  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }

  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }

  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }

  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }

  private write(
    level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace',
    message: unknown,
    context?: string,
    stack?: string,
  ): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const fields = { context, ...(stack ? { stack } : {}) };
    if (message instanceof Error) this.pino[level]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null)
      this.pino[level]({ ...fields, ...message });
    else this.pino[level](fields, String(message));
  }
}
