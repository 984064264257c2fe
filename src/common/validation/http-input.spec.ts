import Fastify, { FastifyRequest } from 'fastify';
import { ValidationError } from '../errors';
import { boundedFormParser, boundedJsonParser, urlHasNul } from './http-input';
import type { JsonBounds } from './json-bounds';

/** A request on a route with the given `jsonBounds` config (none: API.md's bounds). */
function requestOn(jsonBounds?: JsonBounds | null): FastifyRequest {
  const config = jsonBounds === undefined ? {} : { jsonBounds };
  return { routeOptions: { config } } as unknown as FastifyRequest;
}

type Parser = ReturnType<typeof boundedJsonParser>;

/** What the parser hands Fastify: the body, or the error. */
function parse(parser: Parser, text: string, request = requestOn()) {
  let outcome: { error: Error | null; body?: unknown } | undefined;
  parser(request, Buffer.from(text), (error, body) => (outcome = { error, body }));
  if (!outcome) throw new Error('the parser did not answer synchronously');
  return outcome;
}

const fastify = Fastify();
const json = boundedJsonParser(
  fastify.getDefaultJsonParser('error', 'error') as Parameters<typeof boundedJsonParser>[0],
);
const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

describe('boundedJsonParser', () => {
  it('parses a bounded body', () => {
    expect(parse(json, '{"login":"alice","tags":["a","b"]}')).toEqual({
      error: null,
      body: { login: 'alice', tags: ['a', 'b'] },
    });
  });

  it('takes an empty body as no body', () => {
    expect(parse(json, '')).toEqual({ error: null, body: undefined });
  });

  it('refuses a body over the bounds with a ValidationError', () => {
    const { error } = parse(json, deep(33));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error?.message).toBe('JSON must not be nested deeper than 32 levels');
    expect(parse(json, '{"a":"\\u0000"}').error?.message).toMatch(/U\+0000/);
  });

  it('keeps Fastify’s errors for malformed JSON and prototype keys', () => {
    expect(parse(json, '{"a":').error).toMatchObject({ statusCode: 400 });
    expect(parse(json, '{"__proto__":{"x":1}}').error).toMatchObject({ statusCode: 400 });
    expect(parse(json, '{"constructor":{"prototype":{"x":1}}}').error).toMatchObject({
      statusCode: 400,
    });
  });

  it('follows a route’s own bounds, and with none still refuses U+0000', () => {
    const replay = requestOn(null);
    expect(parse(json, deep(5000), replay).error).toBeNull();
    const inputs = JSON.stringify({
      inputs: Array.from({ length: 5000 }, (_, i) => [i, 'left', 'up']),
    });
    expect(parse(json, inputs, replay).error).toBeNull();
    expect(parse(json, '["\\u0000"]', replay).error?.message).toMatch(/U\+0000/);
    const tight = requestOn({ maxDepth: 2, maxEntries: 3 });
    expect(parse(json, '[[1]]', tight).error).toBeNull();
    expect(parse(json, '[[[1]]]', tight).error?.message).toMatch(/deeper than 2/);
  });
});

describe('boundedFormParser', () => {
  it('parses a form into text fields', () => {
    const { error, body } = parse(boundedFormParser, 'login=alice&password=a+b%21');
    expect(error).toBeNull();
    expect({ ...(body as object) }).toEqual({ login: 'alice', password: 'a b!' });
  });

  it('refuses more than 1,000 pairs, repeated keys counted, and U+0000', () => {
    const pairs = (n: number, key: (i: number) => string) =>
      Array.from({ length: n }, (_, i) => `${key(i)}=0`).join('&');
    expect(
      parse(
        boundedFormParser,
        pairs(1000, (i) => `k${i}`),
      ).error,
    ).toBeNull();
    expect(
      parse(
        boundedFormParser,
        pairs(1001, (i) => `k${i}`),
      ).error?.message,
    ).toMatch(/more than 1000/);
    expect(
      parse(
        boundedFormParser,
        pairs(100_000, () => 'same'),
      ).error?.message,
    ).toMatch(/more than 1000/);
    expect(parse(boundedFormParser, 'login=a%00').error?.message).toMatch(/U\+0000/);
  });
});

describe('urlHasNul', () => {
  it.each([
    ['/api/users/%00', true],
    ['/api/users?search=a%00b', true],
    ['/api/users?search=a%2500b', false],
    ['/api/users/3f1c2a9e-8b7d-4c6e-9a5b-0d1e2f3a4b5c', false],
  ])('%s: %p', (url, expected) => {
    expect(urlHasNul(url)).toBe(expected);
  });
});
