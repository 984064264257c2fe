import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ApiErrors } from '../swagger/error-envelope.dto';

/** Who is calling: set by the JWT guard on every authenticated request. */
export interface AuthUser {
  userId: string;
  sessionId: string;
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
