import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { User } from '../users/entities/user.entity';
import { UsersModule } from '../users/users.module';
import { MatchPlayer } from './entities/match-player.entity';
import { MatchReplay } from './entities/match-replay.entity';
import { Match } from './entities/match.entity';
import { MatchesController } from './matches.controller';
import { MatchRecorder } from './match-recorder.service';
import { MatchesService } from './matches.service';
import { ReplaysController } from './replays.controller';
import { ReplaysService } from './replays.service';

@Module({
  imports: [UsersModule, TypeOrmModule.forFeature([Match, MatchPlayer, MatchReplay, User])],
  controllers: [MatchesController, ReplaysController],
  providers: [MatchesService, MatchRecorder, ReplaysService],
  exports: [MatchesService, MatchRecorder, ReplaysService],
})
export class MatchesModule {}
