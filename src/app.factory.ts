/**
 * Builds the configured Arena application: main.ts and every e2e spec use this same function,
 * so tests run the production pipes, filters, adapters and plugins.
 */
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import type { Clock } from './common/clock/clock';
import type { RandomSource } from './common/random/random-source';
import {
  createLogger,
  logRequest,
  PinoNestLogger,
  requestId,
} from './common/logging/logger.options';
import { serverTimeouts } from './common/http/server-timeouts';
import { MetricsService } from './common/metrics/metrics.service';
import { RequestTurns } from './common/http/request-turns';
import { securityHeaders } from './common/security/security-headers';
import { isWebClientPage, serveWebClient, webClientHeaders } from './common/http/web-client';
import { urlHasNul, useBoundedBodyParsers } from './common/validation/http-input';
import { NUL_IN_TEXT } from './common/validation/json-bounds';
import { ValidationError } from './common/errors';
import { ArenaIoAdapter } from './realtime/socket-io.adapter';
import { RedisClients } from './cluster/redis-clients';
import { gameNodeAnswers, GAME_NODE_REST_MESSAGE } from './cluster/node-role';
import { NotFoundError } from './common/errors';
import { DOCS_PATH, setupSwagger } from './common/swagger/swagger.setup';
import { setupAsyncApi } from './common/swagger/asyncapi.setup';
import { ArenaConfig, Env, loadConfig } from './config';
import { MAX_AVATAR_BYTES } from './modules/users/avatars/avatars.service';

export interface CreateAppOptions {
  /** Variables to read instead of the process environment (tests). */
  env?: Env;
  clock?: Clock;
  random?: RandomSource;
  /** Listen for SIGTERM/SIGINT to shut down gracefully (off in tests, which close the app). */
  shutdownHooks?: boolean;
  /**
   * Called with the Fastify instance before the app is ready (tests install their checks of
   * every answer against /docs-json there).
   */
  configure?: (fastify: FastifyInstance) => void;
}

/** Swagger UI's page needs inline styles and scripts that the API's strict CSP forbids. */
const DOCS_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data: https:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

export async function createApp(options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const config: ArenaConfig = loadConfig(options.env);
  const adapter = new FastifyAdapter({
    bodyLimit: 1024 * 1024,
    genReqId: requestId,
    ...serverTimeouts(config.http.headersTimeoutMs),
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ config, clock: options.clock, random: options.random }),
    adapter,
    { bufferLogs: true },
  );
  const logger = createLogger(config.app);
  app.useLogger(new PinoNestLogger(logger));
  app.flushLogs();

  app.setGlobalPrefix('api', { exclude: ['health', 'health/ready', 'metrics', 'avatars/{*file}'] });
  // Avatars are the only multipart route; the file size is limited per route while streaming.
  await app.register(multipart, {
    limits: { files: 1, fields: 0, parts: 2, fileSize: MAX_AVATAR_BYTES },
  });
  // Cookies serve one purpose: binding a provider sign-in to its browser (browser-binding.ts).
  await app.register(cookie);
  const fastify = app.getHttpAdapter().getInstance();
  // JSON (and form) bodies are parsed, then held to API.md's bounds, before any other work.
  useBoundedBodyParsers(app);
  // Helmet's headers (worked out once, see security-headers.ts) and the request id on every
  // answer. Hooks that run on every request are synchronous: an async hook costs a promise each.
  const apiHeaders = securityHeaders();
  const docsHeaders = { ...apiHeaders, 'content-security-policy': DOCS_CSP };
  const webHeaders = webClientHeaders();
  fastify.addHook('onRequest', (request, reply, done) => {
    const { url } = request;
    const docs = url === `/${DOCS_PATH}` || url.startsWith(`/${DOCS_PATH}/`);
    const headers = docs ? docsHeaders : isWebClientPage(url) ? webHeaders : apiHeaders;
    void reply.headers(headers).header('x-request-id', request.id);
    // PostgreSQL cannot store U+0000: a path or query holding one goes no further.
    done(urlHasNul(url) ? new ValidationError(NUL_IN_TEXT) : undefined);
  });
  // One request per turn of the event loop, so the tick loop's timer runs between any two.
  // A `game` node serves its sockets, health and metrics; REST is the `api` nodes' (README).
  if (config.cluster.role === 'game') {
    const refused = new NotFoundError(GAME_NODE_REST_MESSAGE);
    fastify.addHook('onRequest', (request, reply, done) => {
      done(gameNodeAnswers(request.url) ? undefined : refused);
    });
  }
  const turns = new RequestTurns();
  fastify.addHook('preHandler', (request, reply, done) => turns.enqueue(() => done()));
  const metrics = app.get(MetricsService);
  fastify.addHook('onResponse', (request, reply, done) => {
    // Labelled by route pattern, never by raw URL, so ids don't explode the label set.
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpDuration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    logRequest(logger, request, reply);
    done();
  });
  app.enableCors({
    origin: config.app.corsOrigins === '*' ? '*' : config.app.corsOrigins,
    // Every method the API uses (@fastify/cors would allow only GET, HEAD and POST).
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    exposedHeaders: ['Retry-After', 'x-request-id'],
  });
  const redis = config.cluster.redisUrl ? app.get(RedisClients) : null;
  app.useWebSocketAdapter(new ArenaIoAdapter(app, config.app.corsOrigins, redis));
  setupSwagger(app);
  setupAsyncApi(app, config.signIn.publicUrl);
  // The web client at `/`, when it has been built (`npm run build`).
  if (!serveWebClient(app, config.storage.webDir)) {
    logger.info({ webDir: config.storage.webDir }, 'no built web client there: / is not served');
  }
  if (options.shutdownHooks ?? true) app.enableShutdownHooks();
  options.configure?.(fastify);

  await app.init();
  await fastify.ready();
  return app;
}
