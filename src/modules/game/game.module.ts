import { DynamicModule, Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import type { NodeRole } from '../../config';
import { RealtimeSocketsModule } from '../../realtime/realtime.module';
import { AuthModule } from '../auth/auth.module';
import { MatchesModule } from '../matches/matches.module';
import { SocialModule } from '../social/social.module';
import { UsersModule } from '../users/users.module';
import { GameGateway } from './game.gateway';
import { GameService } from './game.service';

@Module({
  imports: [AuthModule, SocialModule, MatchesModule, UsersModule],
  providers: [GameService],
  exports: [GameService],
})
export class GameModule {}

/**
 * An `api` node plays no match: GameService is there for the modules that ask it about matches
 * (tournaments, erasure), but its loop is stopped once the application is up.
 */
@Injectable()
export class IdleGameLoop implements OnApplicationBootstrap {
  constructor(private readonly game: GameService) {}

  onApplicationBootstrap(): void {
    this.game.loop.stop();
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
