import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule, ThrottlerStorage } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CryptoModule } from '../../common/crypto/crypto.module';
import type { ArenaConfig } from '../../config';
import { UsersModule } from '../users/users.module';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysService } from './api-keys/api-keys.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { CredentialsService } from './credentials.service';
import { ApiKey } from './entities/api-key.entity';
import { Identity } from './entities/identity.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { SignInFlow } from './entities/sign-in-flow.entity';
import { Session } from './entities/session.entity';
import { TwoFactorChallenge } from './entities/two-factor-challenge.entity';
import { JwtAuthGuard } from './jwt-auth.guard';
import { jwtKey } from './jwt-key';
import { PasswordController } from './password.controller';
import { PasswordHasher } from './password.hasher';
import { SessionEvents } from './session-events';
import { SESSION_EVENTS_PROVIDER, THROTTLER_STORE } from '../../cluster';
import { IdentitiesController } from './providers/identities.controller';
import { IdentitiesService } from './providers/identities.service';
import { OAuthController } from './providers/oauth.controller';
import { ProviderSignInService } from './providers/provider-sign-in.service';
import { SessionsService } from './sessions.service';
import { PasswordVerifier } from './sign-in/password.verifier';
import { DatabaseSignInFlows, SignInFlows } from './sign-in/sign-in-flows';
import { SignInService } from './sign-in/sign-in.service';
import { TwoFactorController } from './two-factor.controller';
import { TwoFactorService } from './two-factor.service';
import { User } from '../users/entities/user.entity';

@Module({
  imports: [
    UsersModule,
    CryptoModule,
    TypeOrmModule.forFeature([
      Session,
      RefreshToken,
      TwoFactorChallenge,
      User,
      Identity,
      ApiKey,
      SignInFlow,
    ]),
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<ArenaConfig, true>) => {
        const auth = config.get('auth', { infer: true });
        return {
          secret: jwtKey(auth.jwtSecret),
          signOptions: { algorithm: 'HS256', expiresIn: Math.floor(auth.accessTtlMs / 1000) },
          verifyOptions: { algorithms: ['HS256'] },
        };
      },
    }),
    ThrottlerModule.forRootAsync({
      inject: [ConfigService, THROTTLER_STORE],
      useFactory: (config: ConfigService<ArenaConfig, true>, store: ThrottlerStorage | null) => {
        const enabled = config.get('app', { infer: true }).rateLimit;
        return {
          throttlers: [{ name: 'default', ttl: 60_000, limit: 10 }],
          skipIf: () => !enabled,
          errorMessage: 'Too many requests, try again later',
          // Counted across nodes in Redis when clustered.
          ...(store ? { storage: store } : {}),
        };
      },
    }),
  ],
  controllers: [
    AuthController,
    TwoFactorController,
    PasswordController,
    OAuthController,
    IdentitiesController,
    ApiKeysController,
  ],
  providers: [
    AuthService,
    SessionsService,
    TwoFactorService,
    PasswordHasher,
    PasswordVerifier,
    SignInService,
    ProviderSignInService,
    IdentitiesService,
    ApiKeysService,
    CredentialsService,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    // In memory on one node, Redis pub/sub on several.
    SESSION_EVENTS_PROVIDER,
    // Pending sign-ins live in the database, so any node can finish what another began.
    { provide: SignInFlows, useClass: DatabaseSignInFlows },
  ],
  exports: [
    SessionsService,
    PasswordHasher,
    SessionEvents,
    CredentialsService,
    IdentitiesService,
    ApiKeysService,
  ],
})
export class AuthModule {}
