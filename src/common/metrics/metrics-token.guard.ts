/**
 * `GET /metrics` answers only with `Authorization: Bearer <METRICS_TOKEN>` (API.md): the
 * metrics tell how busy the platform is and how it is built. Without a token configured they
 * are open outside production only; in production they answer 401 then, like a wrong token,
 * rather than 404: the route is documented anyway, and the answer tells the operator what is
 * missing.
 */
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash, timingSafeEqual } from 'node:crypto';
import { UnauthorizedError } from '../errors';
import type { ArenaConfig } from '../../config';
import { bearerToken } from '../../modules/auth/jwt-auth.guard';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

@Injectable()
export class MetricsTokenGuard implements CanActivate {
  /** The token's SHA-256: comparing digests takes the same time whatever the guess's length. */
  private readonly expected: Buffer | null;
  private readonly production: boolean;

  constructor(config: ConfigService<ArenaConfig, true>) {
    const token = config.get('metrics', { infer: true }).token;
    this.expected = token === null ? null : digest(token);
    this.production = config.get('app', { infer: true }).production;
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.expected === null) {
      if (this.production) throw new UnauthorizedError('Metrics are off: METRICS_TOKEN is not set');
      return true;
    }
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | string[] | undefined> }>();
    const token = bearerToken(request.headers.authorization);
    if (token === null || !timingSafeEqual(digest(token), this.expected)) {
      throw new UnauthorizedError('Missing or invalid metrics token');
    }
    return true;
  }
}
