import 'reflect-metadata';
import { DataSource, Repository } from 'typeorm';
import { Session } from '../../modules/auth/entities/session.entity';
import { User } from '../../modules/users/entities/user.entity';
import { PreparedFindById, PreparedRead, selectByIdSql } from './prepared-read';

describe('prepared reads (SQLite)', () => {
  let dataSource: DataSource;
  let users: Repository<User>;
  let sessions: Repository<Session>;
  const created = new Date('2026-11-24T12:34:56.789Z');

  function user(id: string, changes: Partial<User> = {}): User {
    return users.create({
      id,
      username: `Player_${id}`,
      usernameLower: `player_${id}`,
      email: `${id}@example.com`,
      passwordHash: 'hash',
      displayName: `Player ${id}`,
      bio: 'Left paddle enjoyer',
      avatarFile: null,
      rating: 1042,
      twoFactorSecret: null,
      twoFactorEnabled: false,
      twoFactorLastStep: null,
      createdAt: created,
      updatedAt: created,
      erasedAt: null,
      ...changes,
    });
  }

  beforeAll(async () => {
    dataSource = new DataSource({
      type: 'better-sqlite3',
      database: ':memory:',
      entities: [User, Session],
      synchronize: true,
    });
    await dataSource.initialize();
    users = dataSource.getRepository(User);
    sessions = dataSource.getRepository(Session);
    await users.save([
      user('a'),
      user('b', {
        twoFactorEnabled: true,
        twoFactorLastStep: 7,
        avatarFile: 'f.png',
        erasedAt: created,
      }),
    ]);
    await sessions.insert([
      {
        id: 's1',
        userId: 'a',
        createdAt: created,
        lastUsedAt: created,
        expiresAt: created,
        revokedAt: null,
      },
      {
        id: 's2',
        userId: 'b',
        createdAt: created,
        lastUsedAt: created,
        expiresAt: created,
        revokedAt: created,
      },
    ]);
  });

  afterAll(() => dataSource.destroy());

  it('hydrates a row exactly as findOneBy does: class, dates, booleans, nulls', async () => {
    const byId = new PreparedFindById(users);
    for (const id of ['a', 'b']) {
      const prepared = await byId.find(id);
      expect(prepared).toBeInstanceOf(User);
      expect(prepared).toEqual(await users.findOneBy({ id }));
    }
    expect((await byId.find('b'))?.createdAt.toISOString()).toBe(created.toISOString());
  });

  it('answers null for a missing id', async () => {
    await expect(new PreparedFindById(users).find('nobody')).resolves.toBeNull();
  });

  it('sees a change made after the statement was prepared', async () => {
    const byId = new PreparedFindById(users);
    await byId.find('a');
    await users.update({ id: 'a' }, { rating: 1100 });
    await expect(byId.find('a')).resolves.toMatchObject({ rating: 1100 });
  });

  it('selects chosen columns by primary key, aliased to their property names', async () => {
    const sql = selectByIdSql(sessions, ['userId', 'revokedAt']);
    expect(sql).toBe(
      'SELECT "userId" AS "userId", "revokedAt" AS "revokedAt" FROM "sessions" WHERE "id" = ?',
    );
    const check = new PreparedRead<{ userId: string; revokedAt: unknown }, [string]>(
      dataSource,
      sql,
    );
    await expect(check.first('s1')).resolves.toEqual({ userId: 'a', revokedAt: null });
    await expect(check.first('s2')).resolves.toMatchObject({
      userId: 'b',
      revokedAt: expect.any(String),
    });
    await expect(check.first('missing')).resolves.toBeUndefined();
  });

  it('refuses a property that is not a column', () => {
    expect(() => selectByIdSql(sessions, ['user'])).toThrow(/no column/);
  });
});
