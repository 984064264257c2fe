/**
 * Arena's web client (web/, built into WEB_DIR by `npm run build`) served at `/`. One route per
 * built file (no wildcard), so nothing of `/api`, `/docs`, `/health`, `/metrics`, `/socket.io` or
 * `/avatars` can be shadowed, and an unknown path still gets the JSON 404 envelope. Assets carry
 * a content hash in their names: they are cached for good, the page itself is revalidated.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { securityHeaders, HeaderSet } from '../security/security-headers';

/** The page loads only its own scripts, styles, images and connections: nothing inline, no CDN. */
export function webClientHeaders(): HeaderSet {
  return securityHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
}

/** Whether a request asks for the client's page (the only HTML it serves). */
export function isWebClientPage(url: string): boolean {
  const path = url.split('?', 1)[0];
  return path === '/' || path === '/index.html';
}

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Serves the built client if `dir` holds one; answers whether it does. */
export function serveWebClient(app: NestFastifyApplication, dir: string): boolean {
  if (!existsSync(join(dir, 'index.html'))) return false;
  app.useStaticAssets({
    root: dir,
    prefix: '/',
    wildcard: false,
    decorateReply: false,
    index: ['index.html'],
    cacheControl: false,
    // @fastify/static 10 hands setHeaders the Fastify reply (Nest's typing still says `res`).
    setHeaders: ((reply: FastifyReply, path: string) => {
      const immutable = /[\\/]assets[\\/]/.test(path);
      void reply.header('cache-control', immutable ? IMMUTABLE : 'no-cache');
    }) as unknown as (response: unknown, path: string) => void,
  });
  return true;
}
