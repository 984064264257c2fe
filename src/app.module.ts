import { DynamicModule, Module, ValidationPipe } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { Clock } from './common/clock/clock';
import { CommonModule } from './common/common.module';
import type { RandomSource } from './common/random/random-source';
import { HttpExceptionFilter } from './common/filters/http-exception.filter';
import type { ArenaConfig } from './config';
import { DatabaseModule } from './database/database.module';
import { AuthModule } from './modules/auth/auth.module';
import { MatchesModule } from './modules/matches/matches.module';
import { PrivacyModule } from './modules/users/privacy/privacy.module';
import { MetricsModule } from './common/metrics/metrics.module';
import { RealtimeModule } from './realtime/realtime.module';
import { ClusterModule } from './cluster/cluster.module';
import { ChatModule, ChatRoleModule } from './modules/chat/chat.module';
import { GameModule, GameRoleModule } from './modules/game/game.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { HealthModule } from './modules/health/health.module';
import { LedgerModule } from './modules/ledger/ledger.module';
import { TournamentsModule } from './modules/tournaments/tournaments.module';
import { SocialModule } from './modules/social/social.module';
import { UsersModule } from './modules/users/users.module';

export interface AppModuleOptions {
  /** The validated configuration (see `loadConfig`). */
  config: ArenaConfig;
  /** Tests inject a manual clock; production uses the system clock. */
  clock?: Clock;
  /** Tests inject seeded match seeds; production draws them from the OS. */
  random?: RandomSource;
}

@Module({})
export class AppModule {
  static forRoot({ config, clock, random }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          skipProcessEnv: true,
          load: [() => config],
        }),
        // Domain events between modules (erasure): in-process, awaited by the emitter.
        EventEmitterModule.forRoot(),
        CommonModule.forRoot(clock, random),
        MetricsModule,
        ClusterModule.forRoot(config.cluster),
        RealtimeModule,
        DatabaseModule,
        AuthModule,
        UsersModule,
        SocialModule,
        MatchesModule,
        PrivacyModule,
        GameModule,
        GameRoleModule.forRole(config.cluster.role),
        LedgerModule,
        TournamentsModule,
        NotificationsModule,
        ChatModule,
        ChatRoleModule.forRole(config.cluster.role),
        HealthModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({
            whitelist: true,
            forbidNonWhitelisted: true,
            transform: true,
            forbidUnknownValues: true,
          }),
        },
      ],
    };
  }
}
