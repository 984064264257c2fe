import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GameModule } from '../game/game.module';
import { LedgerModule } from '../ledger/ledger.module';
import { Match } from '../matches/entities/match.entity';
import { MatchesModule } from '../matches/matches.module';
import { UsersModule } from '../users/users.module';
import { TournamentParticipant } from './entities/tournament-participant.entity';
import { Tournament } from './entities/tournament.entity';
import { TournamentReferee } from './tournament-referee.service';
import { TournamentsController } from './tournaments.controller';
import { TournamentsService } from './tournaments.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Tournament, TournamentParticipant, Match]),
    GameModule,
    LedgerModule,
    MatchesModule,
    UsersModule,
  ],
  controllers: [TournamentsController],
  providers: [TournamentsService, TournamentReferee],
})
export class TournamentsModule {}
