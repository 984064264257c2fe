/**
 * Reads on hot paths (every authenticated request checks its session), prepared once. A
 * TypeORM find builds, escapes and parses its SQL and hydrates through the query builder on
 * every call, which costs several times the read itself; through `query()` each call still
 * takes several awaits. Here the SQL text is fixed at start-up in the driver's own dialect
 * (quoting, placeholders). On SQLite (better-sqlite3) the statement is prepared once on
 * TypeORM's own connection and runs synchronously, so it sees exactly what TypeORM's queries see,
 * transactions included; on other drivers the same text goes through TypeORM's `query()`.
 * These reads bypass TypeORM's query logging and subscribers.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { DataSource, ObjectLiteral, Repository } from 'typeorm';

/** TypeORM's better-sqlite3 driver: its one connection. */
interface SqliteDriver {
  databaseConnection: Database;
}

/** One fixed SELECT with positional parameters; `first()` answers its first row. */
export class PreparedRead<Row extends object, Params extends unknown[] = unknown[]> {
  private statement: Statement<Params, Row> | null = null;
  private readonly sqlite: boolean;

  constructor(
    private readonly dataSource: DataSource,
    readonly sql: string,
  ) {
    this.sqlite = dataSource.driver.options.type === 'better-sqlite3';
  }

  async first(...params: Params): Promise<Row | undefined> {
    if (this.sqlite) {
      // Prepared on first use: the tables exist only once migrations have run.
      const { databaseConnection } = this.dataSource.driver as unknown as SqliteDriver;
      this.statement ??= databaseConnection.prepare<Params, Row>(this.sql);
      return this.statement.get(...params);
    }
    const rows = await this.dataSource.query<Row[]>(this.sql, params);
    return rows[0];
  }
}

/** Dialect-aware SQL pieces for one entity's table. */
function sqlOf(repository: Repository<ObjectLiteral>) {
  const { metadata } = repository;
  const { driver } = repository.manager.connection;
  const column = (property: string) => {
    const found = metadata.findColumnWithPropertyName(property);
    if (!found) throw new Error(`${metadata.name} has no column ${property}`);
    return found;
  };
  return {
    column,
    escape: (name: string) => driver.escape(name),
    table: metadata.tablePath
      .split('.')
      .map((part) => driver.escape(part))
      .join('.'),
    parameter: (index: number) => driver.createParameter(`p${index}`, index),
  };
}

/**
 * `SELECT <properties> FROM <table> WHERE <primary key> = <parameter 1>`, each column aliased to
 * its property name, so a row reads `row.userId` whatever the column is called.
 */
export function selectByIdSql<Entity extends ObjectLiteral>(
  repository: Repository<Entity>,
  properties: readonly (keyof Entity & string)[],
): string {
  const sql = sqlOf(repository);
  const [primary] = repository.metadata.primaryColumns;
  const list = properties.map(
    (property) => `${sql.escape(sql.column(property).databaseName)} AS ${sql.escape(property)}`,
  );
  return `SELECT ${list.join(', ')} FROM ${sql.table} WHERE ${sql.escape(primary.databaseName)} = ${sql.parameter(0)}`;
}

/**
 * `findOneBy({ id })` as a prepared read: every stored column of the entity, hydrated by the
 * driver exactly as a TypeORM find hydrates it (dates, booleans, transformers). For entities
 * with a single primary key and no embedded columns.
 */
export class PreparedFindById<Entity extends ObjectLiteral> {
  private readonly read: PreparedRead<Record<string, unknown>, [unknown]>;
  private readonly columns: ColumnMetadata[];

  constructor(private readonly repository: Repository<Entity>) {
    const { metadata } = repository;
    if (metadata.primaryColumns.length !== 1 || metadata.embeddeds.length > 0) {
      throw new Error(`${metadata.name}: PreparedFindById needs one primary key and no embeddeds`);
    }
    this.columns = metadata.columns.filter((column) => !column.isVirtual);
    const sql = sqlOf(repository);
    const [primary] = metadata.primaryColumns;
    const list = this.columns.map((column) => sql.escape(column.databaseName));
    this.read = new PreparedRead(
      repository.manager.connection,
      `SELECT ${list.join(', ')} FROM ${sql.table} WHERE ${sql.escape(primary.databaseName)} = ${sql.parameter(0)}`,
    );
  }

  async find(id: unknown): Promise<Entity | null> {
    const row = await this.read.first(id);
    if (!row) return null;
    const { metadata } = this.repository;
    const { driver } = this.repository.manager.connection;
    const entity = metadata.create(undefined, { fromDeserializer: true }) as Entity;
    for (const column of this.columns) {
      column.setEntityValue(entity, driver.prepareHydratedValue(row[column.databaseName], column));
    }
    return entity;
  }
}
