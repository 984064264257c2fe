/**
 * pino through nestjs-pino: one JSON line per request with its id, the level from LOG_LEVEL,
 * and credentials redacted. A client may bring its own `x-request-id`; every answer carries one.
 */
import { RequestMethod } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../../config';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Fastify's request id: the client's `x-request-id` when it is sane, else a new UUID. */
export function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

function isProbe(req: IncomingMessage): boolean {
  const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '';
  return url === '/health' || url.startsWith('/health/') || url.startsWith('/health?');
}

export function loggerOptions(app: AppConfig): Params {
  return {
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: app.logLevel,
      // Fastify assigned the id already (see createApp); pino-http reuses `req.id`.
      genReqId: requestId,
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
        censor: '[redacted]',
      },
      // Probes hit /health every few seconds; their lines would drown the useful ones. The
      // middleware sees a path relative to its mount point, so read the original URL.
      autoLogging: { ignore: (req) => isProbe(req) },
      customLogLevel: (_req, res, error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    },
  };
}
