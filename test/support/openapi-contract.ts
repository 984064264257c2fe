/**
 * Every HTTP answer of the e2e suite is checked against the OpenAPI document the app serves at
 * /docs-json, by openapi-response-validator (a third-party, ajv-based validator): the status must
 * be documented for the route, and the body must match that status's schema (the error envelope
 * included). The check runs in a Fastify onSend hook that only test apps install (test-app.ts),
 * so every spec is covered without touching it; a violation fails the spec (see test-app.ts) with
 * the route, the status and the schema errors.
 *
 * Documented objects are checked closed (no property the document does not name), so a field
 * added to an answer without its DTO fails too.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Transform } from 'node:stream';
import OpenAPIResponseValidator from 'openapi-response-validator';
import { fullFormats } from 'ajv-formats/dist/formats';

type JsonObject = Record<string, unknown>;

/** Past this many items, an array's further items are not checked (see `sampled`). */
export const CHECKED_ITEMS = 1000;

/**
 * The value with every array cut to its first CHECKED_ITEMS items: every item of an array has
 * the same schema, so the first thousand say what the rest would, and the GDPR export of a
 * player with 34,000 matches is checked in milliseconds rather than seconds.
 */
export function sampled(value: unknown): unknown {
  if (Array.isArray(value)) return value.slice(0, CHECKED_ITEMS).map(sampled);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, sampled(item)]));
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, JsonObject> }>>;
  components: JsonObject;
}

/** `/api/users/:id` (Fastify) → `/api/users/{id}` (OpenAPI). */
export function openApiPath(route: string): string {
  return route.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** Adds `additionalProperties: false` to every object schema that lists its properties. */
export function closeObjects(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(closeObjects);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const schema = node as JsonObject;
  if (
    schema.properties !== undefined &&
    typeof schema.properties === 'object' &&
    schema.additionalProperties === undefined
  ) {
    schema.additionalProperties = false;
  }
  Object.values(schema).forEach(closeObjects);
}

const FORMATS = {
  uuid: fullFormats.uuid,
  'date-time': fullFormats['date-time'],
  email: fullFormats.email,
  uri: fullFormats.uri,
} as NonNullable<ConstructorParameters<typeof OpenAPIResponseValidator>[0]['customFormats']>;

export class OpenApiContract {
  private readonly validators = new Map<string, OpenAPIResponseValidator | null>();

  constructor(private readonly document: OpenApiDocument) {
    closeObjects(this.document.components);
    for (const methods of Object.values(this.document.paths)) closeObjects(methods);
  }

  /** null when the answer is what the document says, else why not. */
  violation(method: string, route: string, status: number, body: unknown): string | null {
    const key = `${method.toLowerCase()} ${openApiPath(route)}`;
    const validator = this.validatorFor(key);
    if (validator === undefined) return null; // not a documented route (health, avatars, ...)
    const where = `${method} ${route} answered ${status}`;
    if (validator === null) return `${where}: the route documents no answer`;
    const result = validator.validateResponse(status, body);
    if (!result) return null;
    const errors = (result.errors as { path?: string; message: string }[])
      .map((error) => `${error.path ? `${error.path}: ` : ''}${error.message}`)
      .join('; ');
    return `${where}, not as /docs-json says: ${result.message} ${errors} in ${JSON.stringify(body)?.slice(0, 600)}`;
  }

  private validatorFor(key: string): OpenAPIResponseValidator | null | undefined {
    if (this.validators.has(key)) return this.validators.get(key);
    const [method, path] = key.split(' ');
    const operation = this.document.paths[path]?.[method];
    if (!operation) return undefined;
    const responses = operation.responses ?? {};
    const validator =
      Object.keys(responses).length === 0
        ? null
        : new OpenAPIResponseValidator({
            responses: responses as never,
            components: this.document.components,
            customFormats: FORMATS,
          });
    this.validators.set(key, validator);
    return validator;
  }
}

export interface ContractReport {
  /** A violation found. */
  violation(description: string): void;
  /** A check under way: answers are not held back while their check runs. */
  pending(check: Promise<void>): void;
}

/**
 * Installs the check on a Fastify instance (before it is ready). The document is read from the
 * app's own /docs-json on first use. Answers go out at once; each check runs beside them and
 * tells `report` what it found.
 */
export function checkAnswersAgainstOpenApi(fastify: FastifyInstance, report: ContractReport): void {
  let contract: Promise<OpenApiContract> | null = null;
  const load = () =>
    (contract ??= fastify
      .inject({ method: 'GET', url: '/docs-json' })
      .then((res) => new OpenApiContract(res.json<OpenApiDocument>())));

  const check = (request: FastifyRequest, reply: FastifyReply, text: string) => {
    const route = request.routeOptions.url;
    if (route === undefined) return;
    const status = reply.statusCode;
    const json = String(reply.getHeader('content-type') ?? '').startsWith('application/json');
    if (text.length > 0 && !json) return; // images, metrics text: not JSON answers
    report.pending(
      load().then((c) => {
        const body: unknown = text.length > 0 ? sampled(JSON.parse(text)) : undefined;
        const violation = c.violation(request.method, route, status, body);
        if (violation) report.violation(violation);
      }),
    );
  };

  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (request.url === '/docs-json') return done(null, payload);
    if (payload === null || payload === undefined) {
      check(request, reply, '');
      return done(null, payload);
    }
    if (typeof payload === 'string' || Buffer.isBuffer(payload)) {
      check(request, reply, payload.toString());
      return done(null, payload);
    }
    // A streamed answer (the GDPR export): checked once it has all gone by.
    const chunks: Buffer[] = [];
    const tee = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        chunks.push(Buffer.from(chunk));
        callback(null, chunk);
      },
      flush(callback) {
        check(request, reply, Buffer.concat(chunks).toString());
        callback();
      },
    });
    const source = payload as NodeJS.ReadableStream;
    source.on('error', (error: Error) => tee.destroy(error));
    source.pipe(tee);
    done(null, tee);
  });
}
