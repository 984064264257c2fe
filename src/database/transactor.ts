/**
 * Runs units of work in one transaction each. SQLite has a single connection in TypeORM, where a
 * second transaction started while one is open would nest as a savepoint and interleave with it;
 * so on SQLite transactions queue one after another. PostgreSQL gets a pooled connection each.
 *
 * Work that must only be announced once its changes are durable (a revoked session telling its
 * sockets to go) registers with `afterCommit`: told before the commit, another node could act on
 * a change that is then rolled back, or not yet visible to its own reads.
 */
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';

type AfterCommit = () => Promise<void> | void;

@Injectable()
export class Transactor {
  private readonly logger = new Logger(Transactor.name);
  private tail: Promise<unknown> = Promise.resolve();
  /** The after-commit callbacks of each open unit of work, by its transactional manager. */
  private readonly pending = new WeakMap<EntityManager, AfterCommit[]>();

  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const after: AfterCommit[] = [];
    const unit = (manager: EntityManager) => {
      this.pending.set(manager, after);
      return work(manager);
    };
    let committed: Promise<T>;
    if (this.dataSource.options.type === 'postgres') {
      committed = this.dataSource.transaction(unit);
    } else {
      committed = this.tail.then(() => this.dataSource.transaction(unit));
      this.tail = committed.catch(() => undefined);
    }
    return committed.then(async (result) => {
      for (const callback of after) await this.settle(callback);
      return result;
    });
  }

  /**
   * Runs `callback` once the unit of work of `manager` has committed (never if it rolls back),
   * before `run` resolves. Outside a unit of work (an auto-committing manager) it runs at once.
   * A failing callback is logged: the transaction it follows has committed all the same.
   */
  async afterCommit(manager: EntityManager, callback: AfterCommit): Promise<void> {
    const after = this.pending.get(manager);
    if (after) after.push(callback);
    else await this.settle(callback);
  }

  private async settle(callback: AfterCommit): Promise<void> {
    try {
      await callback();
    } catch (error) {
      this.logger.error(`An after-commit step failed: ${String(error)}`);
    }
  }
}

/** True when a write failed on a unique constraint (SQLite or PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string } | undefined;
  return driverError?.code === 'SQLITE_CONSTRAINT_UNIQUE' || driverError?.code === '23505';
}
