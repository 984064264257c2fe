import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Session } from '../modules/auth/entities/session.entity';
import { User } from '../modules/users/entities/user.entity';
import { Transactor } from './transactor';

describe('Transactor.afterCommit (SQLite)', () => {
  let dataSource: DataSource;
  let sut: Transactor;

  beforeAll(async () => {
    dataSource = new DataSource({
      type: 'better-sqlite3',
      database: ':memory:',
      entities: [User, Session],
      synchronize: true,
    });
    await dataSource.initialize();
    sut = new Transactor(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  const count = async () =>
    Number((await dataSource.query<{ n: number }[]>('SELECT COUNT(*) AS n FROM users'))[0].n);
  const insert = (id: string) =>
    `INSERT INTO users (id, username, usernameLower, displayName, bio, rating, twoFactorEnabled, createdAt, updatedAt) VALUES ('${id}', '${id}', '${id}', '${id}', '', 1000, 0, '2026-01-01', '2026-01-01')`;

  it('runs the callbacks in order once the work is committed, before run resolves', async () => {
    const seen: string[] = [];
    const result = await sut.run(async (manager) => {
      await manager.query(insert('a'));
      await sut.afterCommit(manager, async () => {
        seen.push(`first, sees ${await count()} row`);
      });
      await sut.afterCommit(manager, () => {
        seen.push('second');
      });
      seen.push('work done');
      return 'result';
    });
    expect(result).toBe('result');
    expect(seen).toEqual(['work done', 'first, sees 1 row', 'second']);
  });

  it('never runs them when the work rolls back', async () => {
    const callback = jest.fn();
    await expect(
      sut.run(async (manager) => {
        await manager.query(insert('b'));
        await sut.afterCommit(manager, callback);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(callback).not.toHaveBeenCalled();
    expect(await count()).toBe(1);
  });

  it('keeps the result when a callback fails, and still runs the others', async () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const later = jest.fn();
    await expect(
      sut.run(async (manager) => {
        await sut.afterCommit(manager, () => Promise.reject(new Error('bus down')));
        await sut.afterCommit(manager, later);
        return 42;
      }),
    ).resolves.toBe(42);
    expect(later).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledWith(expect.stringContaining('bus down'));
    error.mockRestore();
  });

  it('runs at once outside a unit of work', async () => {
    const callback = jest.fn();
    await sut.afterCommit(dataSource.manager, callback);
    expect(callback).toHaveBeenCalledTimes(1);
  });
});
