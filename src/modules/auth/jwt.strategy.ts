import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import type { ArenaConfig } from '../../config';
import { jwtKey } from './jwt-key';
import { AccessTokenPayload, SessionsService } from './sessions.service';

/** Bearer access tokens: HS256 only (no `alg: none`, no key confusion), then the session check. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: ConfigService<ArenaConfig, true>,
    private readonly sessions: SessionsService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // passport-jwt's types predate KeyObject; it hands the key to jsonwebtoken, which takes one.
      secretOrKey: jwtKey(config.get('auth', { infer: true }).jwtSecret) as unknown as Buffer,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  validate(payload: AccessTokenPayload): Promise<AuthUser> {
    return this.sessions.authenticate(payload);
  }
}
