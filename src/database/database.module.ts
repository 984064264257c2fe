import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { ArenaConfig } from '../config';
import { buildDataSourceOptions } from './data-source.options';
import { initializeDataSource } from './migrate-once';
import { RowCounts } from './row-counts';
import { Transactor } from './transactor';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<ArenaConfig, true>) => ({
        ...buildDataSourceOptions(config.get('database', { infer: true }), {
          runMigrations: true,
          secrets: config.get('secrets', { infer: true }),
        }),
        // Fail fast: an unreachable database is a configuration error, not a transient one.
        retryAttempts: 0,
      }),
      // Nodes starting together on PostgreSQL migrate one at a time.
      dataSourceFactory: (options) => {
        if (!options) throw new Error('No data source options');
        return initializeDataSource(options);
      },
    }),
  ],
  providers: [Transactor, RowCounts],
  exports: [Transactor, RowCounts],
})
export class DatabaseModule {}
