/**
 * Column builders for migrations. Migrations use the QueryRunner table API (never raw SQL) so
 * the same files run on SQLite and PostgreSQL; these helpers pick each driver's own type for a
 * timestamp and keep ids and foreign keys written one way.
 */
import { QueryRunner, TableColumnOptions, TableForeignKeyOptions } from 'typeorm';

export function idColumn(name = 'id'): TableColumnOptions {
  return { name, type: 'varchar', length: '36', isPrimary: true };
}

export function refColumn(name: string, nullable = false): TableColumnOptions {
  return { name, type: 'varchar', length: '36', isNullable: nullable };
}

/** A timestamp column in the driver's own type (`datetime` on SQLite, `timestamp` on PostgreSQL). */
export function timeColumn(
  runner: QueryRunner,
  name: string,
  nullable = false,
): TableColumnOptions {
  return {
    name,
    type: runner.connection.driver.normalizeType({ type: Date }),
    isNullable: nullable,
  };
}

export function cascadeTo(
  column: string,
  table: string,
  onDelete: 'CASCADE' | 'SET NULL' = 'CASCADE',
): TableForeignKeyOptions {
  return {
    columnNames: [column],
    referencedTableName: table,
    referencedColumnNames: ['id'],
    onDelete,
  };
}

/** A boolean with a default, spelt the way each driver reads it back (`0` on SQLite, `false` on PostgreSQL). */
export function boolColumn(
  runner: QueryRunner,
  name: string,
  fallback: boolean,
): TableColumnOptions {
  const sqlite = runner.connection.driver.options.type !== 'postgres';
  const value = sqlite ? (fallback ? '1' : '0') : String(fallback);
  return { name, type: 'boolean', default: value };
}
