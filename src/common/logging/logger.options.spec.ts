import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { createLogger, logRequest, PinoNestLogger, requestId } from './logger.options';

/** A logger whose lines are kept, parsed. */
function captured(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(
    { logLevel: level },
    { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { logger, lines };
}

const request = (url: string, headers: Record<string, string> = {}) =>
  ({ id: 'req-1', method: 'GET', url, ip: '127.0.0.1', headers }) as unknown as FastifyRequest;
const reply = (statusCode: number) => ({ statusCode, elapsedTime: 3.14159 }) as FastifyReply;

describe('logging', () => {
  it('keeps a sane client request id and replaces anything else', () => {
    const of = (value?: string) =>
      requestId({
        headers: value === undefined ? {} : { 'x-request-id': value },
      } as IncomingMessage);
    expect(of('abc-1.2_3')).toBe('abc-1.2_3');
    expect(of('x'.repeat(65))).toMatch(/^[0-9a-f-]{36}$/);
    expect(of('bad id\n')).toMatch(/^[0-9a-f-]{36}$/);
    expect(of()).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('writes one line per request with its id, status and time, and never a header', () => {
    const { logger, lines } = captured();
    logRequest(logger, request('/api/users/me', { authorization: 'Bearer secret' }), reply(200));
    expect(lines).toEqual([
      expect.objectContaining({
        level: 30,
        reqId: 'req-1',
        req: { method: 'GET', url: '/api/users/me', remoteAddress: '127.0.0.1' },
        res: { statusCode: 200 },
        responseTime: 3.1,
        msg: 'request completed',
      }),
    ]);
    expect(JSON.stringify(lines)).not.toContain('secret');
  });

  it('logs client errors as warnings and server errors as errors, and leaves probes out', () => {
    const { logger, lines } = captured();
    logRequest(logger, request('/api/nope'), reply(404));
    logRequest(logger, request('/api/boom'), reply(500));
    logRequest(logger, request('/health'), reply(200));
    logRequest(logger, request('/health/ready'), reply(503));
    expect(lines.map((line) => line.level)).toEqual([40, 50]);
  });

  it('honours the level', () => {
    const { logger, lines } = captured('warn');
    logRequest(logger, request('/api/users/me'), reply(200));
    logRequest(logger, request('/api/users/x'), reply(404));
    expect(lines).toHaveLength(1);
  });

  it('carries Nest’s messages with their context, and an error’s stack', () => {
    const { logger, lines } = captured('debug');
    const nest = new PinoNestLogger(logger);
    nest.log('started', 'Bootstrap');
    nest.warn('slow', 'Ledger');
    nest.error('failed', 'Error: failed\n    at somewhere', 'ExceptionFilter');
    nest.error('plain', 'GameService');
    nest.debug({ matches: 3 }, 'GameService');
    nest.verbose('hidden below debug', 'GameService');
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, context: 'Bootstrap', msg: 'started' }),
      expect.objectContaining({ level: 40, context: 'Ledger', msg: 'slow' }),
      expect.objectContaining({
        level: 50,
        context: 'ExceptionFilter',
        msg: 'failed',
        stack: 'Error: failed\n    at somewhere',
      }),
      expect.objectContaining({ level: 50, context: 'GameService', msg: 'plain' }),
      expect.objectContaining({ level: 20, context: 'GameService', matches: 3 }),
    ]);
  });
});
