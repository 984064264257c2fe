import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ApiErrors } from '../swagger/error-envelope.dto';

/** Who is calling: set by the bearer guard on every authenticated request. */
export interface AuthUser {
  userId: string;
  /**
   * The login (JWT `sid`) the call belongs to; for an API key `api-key:<key id>`, so the sockets
   * a key opened end when it is revoked, as a session's do.
   */
  sessionId: string;
  /** Set when the caller used an API key rather than an access token: what the key may do. */
  apiKey?: { id: string; scopes: readonly ('read' | 'play')[] };
}

export const IS_PUBLIC = 'arena:isPublic';

/** Opts a route out of the global bearer-token guard. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Marks a route as needing a bearer token, in Swagger (the guard is global). */
export const Authenticated = () => applyDecorators(ApiBearerAuth(), ApiErrors(401));

export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext) => {
  const request = ctx.switchToHttp().getRequest<{ user?: AuthUser }>();
  return request.user as AuthUser;
});
