import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthUser, IS_PUBLIC } from '../../common/decorators/auth.decorators';
import { UnauthorizedError } from '../../common/errors';
import { KEY_REQUIREMENT, KeyRequirement, requirementOf } from './api-keys/key-access';
import { CredentialsService } from './credentials.service';

/** The token of an `Authorization: Bearer <token>` header (scheme case-insensitive), else null. */
export function bearerToken(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string') return null;
  const match = /^\s*(\S+)\s+(\S+)\s*$/.exec(header);
  return match && match[1].toLowerCase() === 'bearer' ? match[2] : null;
}

interface HttpRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  user?: AuthUser;
}

interface RouteRules {
  isPublic: boolean;
  /** What an API key needs here, if the route declares it (see key-access.ts). */
  keyRequirement: KeyRequirement | undefined;
}

/**
 * The global guard: every route needs a bearer credential unless it is marked @Public(): an
 * access token, checked exactly as socket handshakes check it (HS256 with the configured key,
 * then the session), or an API key held to the route's requirement (@KeyAccess, else its
 * method). No Passport strategy per request: its machinery cost more CPU than the check itself.
 * A bad credential is a 401, a key without the right scope a 403; a failure while reading the
 * session stays a 500.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  /** Route metadata is static: looked up once per controller and handler, not per request. */
  private readonly routes = new WeakMap<object, WeakMap<object, RouteRules>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly credentials: CredentialsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const rules = this.rulesOf(context);
    if (rules.isPublic) return true;
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new UnauthorizedError('Missing or invalid access token');
    request.user = await this.credentials.authenticate(
      token,
      requirementOf(request.method, rules.keyRequirement),
    );
    return true;
  }

  private rulesOf(context: ExecutionContext): RouteRules {
    const controller = context.getClass();
    const handler = context.getHandler();
    let handlers = this.routes.get(controller);
    if (!handlers) this.routes.set(controller, (handlers = new WeakMap()));
    let rules = handlers.get(handler);
    if (rules === undefined) {
      const targets = [handler, controller];
      rules = {
        isPublic: this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false,
        keyRequirement: this.reflector.getAllAndOverride<KeyRequirement>(KEY_REQUIREMENT, targets),
      };
      handlers.set(handler, rules);
    }
    return rules;
  }
}
