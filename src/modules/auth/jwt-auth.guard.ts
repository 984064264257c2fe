import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthUser, IS_PUBLIC } from '../../common/decorators/auth.decorators';
import { UnauthorizedError } from '../../common/errors';
import { SessionsService } from './sessions.service';

/** The token of an `Authorization: Bearer <token>` header (scheme case-insensitive), else null. */
export function bearerToken(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string') return null;
  const match = /^\s*(\S+)\s+(\S+)\s*$/.exec(header);
  return match && match[1].toLowerCase() === 'bearer' ? match[2] : null;
}

interface HttpRequest {
  headers: Record<string, string | string[] | undefined>;
  user?: AuthUser;
}

/**
 * The global guard: every route needs a valid access token unless it is marked @Public(). The
 * token is checked exactly as socket handshakes check it (HS256 with the configured key, then
 * the session), without Passport's per-request strategy machinery, which cost more CPU than the
 * check itself. A bad token is a 401; a failure while reading the session stays a 500.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  /** @Public() is static metadata: look it up once per controller and handler, not per request. */
  private readonly publicRoutes = new WeakMap<object, WeakMap<object, boolean>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http' || this.isPublic(context)) return true;
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new UnauthorizedError('Missing or invalid access token');
    request.user = await this.sessions.verifyAccessToken(token);
    return true;
  }

  private isPublic(context: ExecutionContext): boolean {
    const controller = context.getClass();
    const handler = context.getHandler();
    let handlers = this.publicRoutes.get(controller);
    if (!handlers) this.publicRoutes.set(controller, (handlers = new WeakMap()));
    let isPublic = handlers.get(handler);
    if (isPublic === undefined) {
      isPublic =
        this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, controller]) ?? false;
      handlers.set(handler, isPublic);
    }
    return isPublic;
  }
}
