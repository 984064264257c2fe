import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MatchesModule } from '../matches/matches.module';
import { SocialModule } from '../social/social.module';
import { UsersModule } from '../users/users.module';
import { GameGateway } from './game.gateway';
import { GameService } from './game.service';

@Module({
  imports: [AuthModule, SocialModule, MatchesModule, UsersModule],
  providers: [GameGateway, GameService],
  exports: [GameService],
})
export class GameModule {}
