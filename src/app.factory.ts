/**
 * Builds the configured Arena application: main.ts and every e2e spec use this same function,
 * so tests run the production pipes, filters, adapters and plugins.
 */
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import type { Clock } from './common/clock/clock';
import type { RandomSource } from './common/random/random-source';
import { requestId } from './common/logging/logger.options';
import { MetricsService } from './common/metrics/metrics.service';
import { ArenaIoAdapter } from './common/socket/socket-io.adapter';
import { DOCS_PATH, setupSwagger } from './common/swagger/swagger.setup';
import { ArenaConfig, Env, loadConfig } from './config';
import { MAX_AVATAR_BYTES } from './modules/users/avatars/avatars.service';

export interface CreateAppOptions {
  /** Variables to read instead of the process environment (tests). */
  env?: Env;
  clock?: Clock;
  random?: RandomSource;
  /** Listen for SIGTERM/SIGINT to shut down gracefully (off in tests, which close the app). */
  shutdownHooks?: boolean;
}

/** Swagger UI's page needs inline styles and scripts that the API's strict CSP forbids. */
const DOCS_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data: https:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

export async function createApp(options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const config: ArenaConfig = loadConfig(options.env);
  const adapter = new FastifyAdapter({ bodyLimit: 1024 * 1024, genReqId: requestId });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ config, clock: options.clock, random: options.random }),
    adapter,
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  app.flushLogs();

  app.setGlobalPrefix('api', { exclude: ['health', 'health/ready', 'metrics', 'avatars/{*file}'] });
  await app.register(helmet);
  // Avatars are the only multipart route; the file size is limited per route while streaming.
  await app.register(multipart, {
    limits: { files: 1, fields: 0, parts: 2, fileSize: MAX_AVATAR_BYTES },
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  const metrics = app.get(MetricsService);
  fastify.addHook('onResponse', async (request, reply) => {
    // Labelled by route pattern, never by raw URL, so ids don't explode the label set.
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpDuration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  fastify.addHook('onSend', async (request, reply) => {
    if (request.url === `/${DOCS_PATH}` || request.url.startsWith(`/${DOCS_PATH}/`)) {
      void reply.header('content-security-policy', DOCS_CSP);
    }
  });
  app.enableCors({
    origin: config.app.corsOrigins === '*' ? '*' : config.app.corsOrigins,
    exposedHeaders: ['Retry-After', 'x-request-id'],
  });
  app.useWebSocketAdapter(new ArenaIoAdapter(app, config.app.corsOrigins));
  setupSwagger(app);
  if (options.shutdownHooks ?? true) app.enableShutdownHooks();

  await app.init();
  await fastify.ready();
  return app;
}
