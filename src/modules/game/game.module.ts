import { DynamicModule, Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import type { NodeRole } from '../../config';
import { RealtimeSocketsModule } from '../../realtime/realtime.module';
import { AuthModule } from '../auth/auth.module';
import { MatchesModule } from '../matches/matches.module';
import { SocialModule } from '../social/social.module';
import { UsersModule } from '../users/users.module';
import { ChallengesService } from './challenges/challenges.service';
import { GameGateway } from './game.gateway';
import { GameService } from './game.service';
import { MatchAnnouncer } from './host/match-announcer';
import { MatchHost } from './host/match-host';
import { LostMatches } from './live/lost-matches';
import { MatchLauncher } from './live/match-launcher';
import { Matchmaking } from './matchmaking/matchmaking.service';

/**
 * The game: its live-state ports (match directory, queues, challenges, the node bus) come from
 * the cluster module, in memory or in Redis.
 */
@Module({
  imports: [AuthModule, SocialModule, MatchesModule, UsersModule],
  providers: [
    MatchAnnouncer,
    MatchHost,
    MatchLauncher,
    Matchmaking,
    ChallengesService,
    LostMatches,
    GameService,
  ],
  exports: [GameService, MatchHost],
})
export class GameModule {}

/**
 * An `api` node plays no match: GameService is there for the modules that ask about matches
 * (tournaments, erasure) and sends their work to game nodes, but its own loop is stopped once
 * the application is up.
 */
@Injectable()
export class IdleGameLoop implements OnApplicationBootstrap {
  constructor(private readonly host: MatchHost) {}

  onApplicationBootstrap(): void {
    this.host.idle();
  }
}

/** What the node's role adds: the `/game` namespace (game, all), or an idle loop (api). */
@Module({})
export class GameRoleModule {
  static forRole(role: NodeRole): DynamicModule {
    if (role === 'api') {
      return { module: GameRoleModule, imports: [GameModule], providers: [IdleGameLoop] };
    }
    return {
      module: GameRoleModule,
      imports: [GameModule, RealtimeSocketsModule],
      providers: [GameGateway],
    };
  }
}
