import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { User } from '../users/entities/user.entity';
import { UsersModule } from '../users/users.module';
import { MatchPlayer } from './entities/match-player.entity';
import { Match } from './entities/match.entity';
import { MatchesController } from './matches.controller';
import { MatchRecorder } from './match-recorder.service';
import { MatchesService } from './matches.service';

@Module({
  imports: [UsersModule, TypeOrmModule.forFeature([Match, MatchPlayer, User])],
  controllers: [MatchesController],
  providers: [MatchesService, MatchRecorder],
  exports: [MatchesService, MatchRecorder],
})
export class MatchesModule {}
