import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { SocialModule } from '../social/social.module';
import { GameGateway } from './game.gateway';

@Module({
  imports: [AuthModule, SocialModule],
  providers: [GameGateway],
})
export class GameModule {}
