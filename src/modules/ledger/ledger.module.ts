import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { ArenaConfig } from '../../config';
import { createLedgerAnchor, LedgerAnchor } from './anchor';
import { LedgerEntry } from './entities/ledger-entry.entity';
import { LedgerController } from './ledger.controller';
import { LedgerService } from './ledger.service';

@Module({
  imports: [TypeOrmModule.forFeature([LedgerEntry])],
  controllers: [LedgerController],
  providers: [
    LedgerService,
    {
      provide: LedgerAnchor,
      inject: [ConfigService],
      useFactory: (config: ConfigService<ArenaConfig, true>) =>
        createLedgerAnchor(config.get('ledger', { infer: true })),
    },
  ],
  exports: [LedgerService],
})
export class LedgerModule {}
