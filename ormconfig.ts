/** The DataSource of the TypeORM CLI (migration:generate|run|revert): the app's own options. */
import { DataSource } from 'typeorm';
import { loadConfig } from './src/config';
import { buildDataSourceOptions } from './src/database/data-source.options';

const config = loadConfig();

export default new DataSource(
  buildDataSourceOptions(config.database, { runMigrations: false, secrets: config.secrets }),
);
