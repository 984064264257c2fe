import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock/clock';
import { CryptoRandomSource, RandomSource } from './random/random-source';

/** Cross-cutting providers: the clock every service reads time from, and the source of seeds. */
@Global()
@Module({})
export class CommonModule {
  static forRoot(
    clock: Clock = new SystemClock(),
    random: RandomSource = new CryptoRandomSource(),
  ): DynamicModule {
    return {
      module: CommonModule,
      providers: [
        { provide: Clock, useValue: clock },
        { provide: RandomSource, useValue: random },
      ],
      exports: [Clock, RandomSource],
    };
  }
}
