import {
  ArgumentsHost,
  BadRequestException,
  HttpException,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { ManualClock } from '../clock/clock';
import {
  ConflictError,
  DomainError,
  ErrorCode,
  UnavailableError,
  ValidationError,
} from '../errors';
import { HttpExceptionFilter } from './http-exception.filter';

function hostFor(url: string) {
  const reply = {
    statusCode: 0,
    body: undefined as unknown,
    headers: {} as Record<string, string>,
    status(code: number) {
      this.statusCode = code;
      return this;
    },
    header(name: string, value: string) {
      this.headers[name] = value;
      return this;
    },
    send(body: unknown) {
      this.body = body;
      return this;
    },
  };
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => ({ url, method: 'GET' }), getResponse: () => reply }),
  } as unknown as ArgumentsHost;
  return { host, reply };
}

describe('HttpExceptionFilter', () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 24, 12, 0, 0));
  const filter = new HttpExceptionFilter(clock);
  const timestamp = '2026-11-24T12:00:00.000Z';

  beforeAll(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  function answer(exception: unknown, url = '/api/things?x=1') {
    const { host, reply } = hostFor(url);
    filter.catch(exception, host);
    return reply;
  }

  it('maps a domain error by its code, and drops the query string from the path', () => {
    const reply = answer(new ConflictError('Username is already taken'));
    expect(reply.statusCode).toBe(409);
    expect(reply.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'Username is already taken',
      path: '/api/things',
      timestamp,
    });
  });

  it('lists validation details as an array', () => {
    const reply = answer(new ValidationError('invalid', ['a is bad', 'b is bad']));
    expect(reply.body).toMatchObject({
      statusCode: 400,
      error: 'Bad Request',
      message: ['a is bad', 'b is bad'],
    });
  });

  it('keeps framework exceptions’ status and message', () => {
    expect(answer(new BadRequestException(['x must be a string'])).body).toMatchObject({
      statusCode: 400,
      message: ['x must be a string'],
    });
    expect(answer(new NotFoundException('Cannot GET /x')).body).toMatchObject({
      statusCode: 404,
      message: 'Cannot GET /x',
    });
  });

  it('adds WWW-Authenticate to a 401', () => {
    class Denied extends DomainError {
      readonly code: ErrorCode = 'UNAUTHORIZED';
    }
    const reply = answer(new Denied('no'));
    expect(reply.statusCode).toBe(401);
    expect(reply.headers['WWW-Authenticate']).toBe('Bearer');
  });

  it('answers a busy server with 503, its message and Retry-After, without logging it', () => {
    const logged = jest.mocked(Logger.prototype.error);
    logged.mockClear();
    const reply = answer(new UnavailableError('Too many password checks waiting', 2));
    expect(reply.body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'Too many password checks waiting',
      path: '/api/things',
      timestamp,
    });
    expect(reply.headers['Retry-After']).toBe('2');
    expect(logged).not.toHaveBeenCalled();
  });

  it('keeps Fastify’s client errors but hides the parser’s wording', () => {
    const invalidJson = Object.assign(new SyntaxError('Unexpected token } in JSON at position 7'), {
      statusCode: 400,
      code: 'FST_ERR_CTP_INVALID_JSON',
    });
    expect(answer(invalidJson).body).toMatchObject({
      statusCode: 400,
      message: 'Malformed JSON body',
    });
    const tooLarge = Object.assign(new Error('Request body is too large'), {
      statusCode: 413,
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
    });
    expect(answer(tooLarge).body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
  });

  it('hides anything unexpected behind a bare 500 and logs it', () => {
    const reply = answer(new Error('SQLITE_ERROR: no such table: users at /app/src/x.ts:10'));
    expect(reply.body).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Internal server error',
      path: '/api/things',
      timestamp,
    });
    expect(answer(new HttpException({ secret: 'stack' }, 502)).body).toMatchObject({
      statusCode: 502,
      message: 'Bad Gateway',
    });
    expect(Logger.prototype.error).toHaveBeenCalled();
  });

  it('leaves non-HTTP contexts to their own handlers', () => {
    const host = { getType: () => 'ws' } as unknown as ArgumentsHost;
    const error = new Error('socket');
    expect(() => filter.catch(error, host)).toThrow(error);
  });
});
