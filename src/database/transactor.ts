/**
 * Runs units of work in one transaction each. SQLite has a single connection in TypeORM, where a
 * second transaction started while one is open would nest as a savepoint and interleave with it;
 * so on SQLite transactions queue one after another. PostgreSQL gets a pooled connection each.
 */
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';

@Injectable()
export class Transactor {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.dataSource.options.type === 'postgres') return this.dataSource.transaction(work);
    const result = this.tail.then(() => this.dataSource.transaction(work));
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** True when a write failed on a unique constraint (SQLite or PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string } | undefined;
  return driverError?.code === 'SQLITE_CONSTRAINT_UNIQUE' || driverError?.code === '23505';
}
