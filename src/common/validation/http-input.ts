/**
 * HTTP input is checked inside Fastify, before any guard, pipe or handler runs: the body parsers
 * refuse a body that breaks the JSON bounds (see json-bounds.ts) right after parsing it, and
 * `urlHasNul` lets the first request hook refuse U+0000 in a path or query. Each refusal is a
 * domain ValidationError, which the exception filter answers as a 400 envelope.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { parse as parseForm } from 'node:querystring';
import { ValidationError } from '../errors';
import { JSON_BOUNDS, JsonBounds, jsonBoundsProblem, jsonTextProblem } from './json-bounds';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** This route's body bounds, when not API.md's (see `JsonBodyBounds`). */
    jsonBounds?: JsonBounds | null;
  }
}

/**
 * Route option: other bounds for this route's body, or null for a body bounded by its byte size
 * and its own schema instead (API.md's one exception, a posted Replay, whose inputs run to tens
 * of thousands of items). U+0000 is refused either way. It is the route's Fastify config, so it
 * cannot be combined with another `@RouteConfig` on the same handler.
 */
export const JsonBodyBounds = (bounds: JsonBounds | null) => RouteConfig({ jsonBounds: bounds });

function boundsOf(request: FastifyRequest): JsonBounds | null {
  const configured = request.routeOptions.config?.jsonBounds;
  return configured === undefined ? JSON_BOUNDS : configured;
}

type Done = (error: Error | null, body?: unknown) => void;
type BodyParser = (request: FastifyRequest, body: Buffer, done: Done) => void;
/** Fastify's own JSON parser: JSON.parse, then refusing `__proto__` and `constructor.prototype`. */
type TextParser = (request: FastifyRequest, body: string, done: Done) => void;

function checked(request: FastifyRequest, value: unknown, done: Done): void {
  const problem = jsonBoundsProblem(value, boundsOf(request));
  if (problem === null) done(null, value);
  else done(new ValidationError(problem));
}

/**
 * JSON bodies: the bounds counted on the text first (a hostile body is refused before it is
 * parsed), then Fastify's parser (its malformed-JSON 400 and prototype-poisoning protection
 * kept), then the bounds and U+0000 on the value. An empty body is no body, as if no content type had been sent: clients send
 * `Content-Type: application/json` on every POST and DELETE, with or without one.
 */
export function boundedJsonParser(parseJson: TextParser): BodyParser {
  return (request, body, done) => {
    if (body.length === 0) {
      done(null, undefined);
      return;
    }
    const text = body.toString('utf8');
    const bounds = boundsOf(request);
    const problem = bounds && jsonTextProblem(text, bounds);
    if (problem) {
      done(new ValidationError(problem));
      return;
    }
    parseJson(request, text, (error, value) => {
      if (error) done(error);
      else checked(request, value, done);
    });
  };
}

/**
 * Form bodies, which Nest accepted before Arena took over its parsers: flat, but as costly to
 * validate per key as JSON, so they keep to the same bounds. Parsing stops one pair past the
 * bound, so a form of 100,000 pairs is refused without decoding them all.
 */
export const boundedFormParser: BodyParser = (request, body, done) => {
  const bounds = boundsOf(request);
  const maxKeys = bounds ? bounds.maxEntries + 1 : 0;
  checked(request, parseForm(body.toString('utf8'), '&', '=', { maxKeys }), done);
};

/**
 * Installs both parsers in place of Nest's (which would register its own on `app.init()`),
 * with Fastify's body limit (1 MiB, see app.factory.ts).
 */
export function useBoundedBodyParsers(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const { bodyLimit, onProtoPoisoning, onConstructorPoisoning } = fastify.initialConfig;
  const parseJson = fastify.getDefaultJsonParser(
    onProtoPoisoning ?? 'error',
    onConstructorPoisoning ?? 'error',
  ) as TextParser;
  app.useBodyParser('application/json', { bodyLimit }, boundedJsonParser(parseJson));
  app.useBodyParser('application/x-www-form-urlencoded', { bodyLimit }, boundedFormParser);
}

/**
 * U+0000 in the path or the query string. It can only arrive percent-encoded (Node's HTTP parser
 * refuses a raw one), and `%00` decodes to nothing else, so the raw URL says it all.
 */
export function urlHasNul(url: string): boolean {
  return url.includes('%00');
}
