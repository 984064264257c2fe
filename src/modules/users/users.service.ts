import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, In, Repository } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { ConflictError, NotFoundError, ValidationError } from '../../common/errors';
import { Page, pageOf } from '../../common/pagination/pagination';
import { pageWindow } from '../../common/pagination/page-window';
import { RowCounts } from '../../database/row-counts';
import { ACTIVE_USERS } from '../../database/row-count.triggers';
import { PreparedFindById } from '../../common/persistence/prepared-read';
import { PresenceStore } from '../social/presence.store';
import { MeProfileDto, PublicProfileDto, toMeProfile, toPublicProfile } from './dto/profile.dto';
import { SearchUsersQueryDto, UpdateMeDto } from './dto/users.dto';
import { User } from './entities/user.entity';
import { containsPattern, directorySql, PROFILE_COLUMNS } from './user-search';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

export interface NewAccount {
  username: string;
  /** Null for an account made by a sign-in provider that gave no verified, free email. */
  email: string | null;
  /** Null for an account made by a sign-in provider, until its owner sets one. */
  passwordHash: string | null;
  displayName?: string;
}

/** Erased accounts are renamed `deleted-<short id>`; nobody may register such a name. */
export const ERASED_PREFIX = 'deleted-';

@Injectable()
export class UsersService {
  /** The one-row read by id behind every profile and every authenticated page: prepared once. */
  private readonly byId: PreparedFindById<User>;
  /** The users list's SQL, with and without a search (see user-search.ts). */
  private readonly directory: Record<'all' | 'search', ReturnType<typeof directorySql>>;
  private readonly profileColumns: ColumnMetadata[];

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly presence: PresenceStore,
    private readonly clock: Clock,
    private readonly counts: RowCounts,
  ) {
    this.byId = new PreparedFindById(users);
    const dialect = users.manager.connection.options.type === 'postgres' ? 'postgres' : 'sqlite';
    this.directory = { all: directorySql(dialect, false), search: directorySql(dialect, true) };
    this.profileColumns = PROFILE_COLUMNS.map(
      (name) => users.metadata.findColumnWithPropertyName(name) as ColumnMetadata,
    );
  }

  /** Creates an account inside the caller's transaction; names and emails clash case-insensitively. */
  async create(manager: EntityManager, account: NewAccount): Promise<User> {
    const repo = manager.getRepository(User);
    const usernameLower = account.username.toLowerCase();
    if (usernameLower.startsWith(ERASED_PREFIX)) {
      throw new ValidationError(`Usernames starting with "${ERASED_PREFIX}" are reserved`);
    }
    const email = account.email?.toLowerCase() ?? null;
    const clash = await repo.findOne({
      where: email === null ? [{ usernameLower }] : [{ usernameLower }, { email }],
      select: { id: true, usernameLower: true },
    });
    if (clash) {
      throw new ConflictError(
        clash.usernameLower === usernameLower
          ? 'Username is already taken'
          : 'Email is already registered',
      );
    }
    const now = this.clock.date();
    const user = repo.create({
      id: randomUUID(),
      username: account.username,
      usernameLower,
      email,
      passwordHash: account.passwordHash,
      displayName: account.displayName ?? account.username,
      bio: '',
      avatarFile: null,
      rating: 1000,
      twoFactorSecret: null,
      twoFactorEnabled: false,
      twoFactorLastStep: null,
      createdAt: now,
      updatedAt: now,
      erasedAt: null,
    });
    return repo.save(user);
  }

  /**
   * The first of `candidates` nobody holds (case-insensitively, erased names included), read in
   * the caller's transaction; null if all are taken.
   */
  async firstFreeUsername(
    manager: EntityManager,
    candidates: Iterable<string>,
  ): Promise<string | null> {
    const repo = manager.getRepository(User);
    for (const candidate of candidates) {
      const usernameLower = candidate.toLowerCase();
      if (usernameLower.startsWith(ERASED_PREFIX)) continue;
      if (!(await repo.exists({ where: { usernameLower } }))) return candidate;
    }
    return null;
  }

  /** True when no account holds this email (compared lower-cased). */
  async isEmailFree(manager: EntityManager, email: string): Promise<boolean> {
    return !(await manager.getRepository(User).exists({ where: { email: email.toLowerCase() } }));
  }

  /** The account that may log in with this username or email, if any. */
  findByLogin(login: string): Promise<User | null> {
    const key = login.trim().toLowerCase();
    return this.users.findOne({
      where: key.includes('@') ? { email: key } : { usernameLower: key },
    });
  }

  async get(id: string): Promise<User> {
    const user = await this.byId.find(id);
    if (!user) throw new NotFoundError('User not found');
    return user;
  }

  /** A user others can interact with: exists and was not erased. */
  async getActive(id: string): Promise<User> {
    const user = await this.get(id);
    if (user.erasedAt) throw new NotFoundError('User not found');
    return user;
  }

  async getMe(userId: string): Promise<MeProfileDto> {
    return this.me(await this.get(userId));
  }

  async updateMe(userId: string, changes: UpdateMeDto): Promise<MeProfileDto> {
    const user = await this.get(userId);
    if (changes.displayName !== undefined) user.displayName = changes.displayName;
    if (changes.bio !== undefined) user.bio = changes.bio;
    user.updatedAt = this.clock.date();
    return this.me(await this.users.save(user));
  }

  async getPublic(id: string): Promise<PublicProfileDto> {
    return this.publicProfile(await this.get(id));
  }

  /**
   * Active accounts by username, optionally those whose username or display name contains the
   * search text. Without a search the total is kept by the database and the page is one range
   * of IDX_users_directory. A search scans that index (names only, never the table rows): the
   * page first, which stops at its last row; the total is counted only when the page does not
   * already tell it.
   */
  async search(query: SearchUsersQueryDto): Promise<Page<PublicProfileDto>> {
    const pattern = query.search ? containsPattern(query.search) : null;
    const sql = pattern ? this.directory.search : this.directory.all;
    const filter = pattern ? [pattern] : [];
    let total: number | null = pattern ? null : await this.counts.of(ACTIVE_USERS);
    const window = pageWindow(total ?? Number.MAX_SAFE_INTEGER, query.offset, query.limit);
    if (!window) return pageOf([], total ?? 0, query);
    const rows = await this.users.query<Record<(typeof PROFILE_COLUMNS)[number], unknown>[]>(
      sql.page[window.reversed ? 'DESC' : 'ASC'],
      [...filter, window.limit, window.offset],
    );
    if (window.reversed) rows.reverse();
    if (total === null) {
      const short = rows.length < query.limit && (rows.length > 0 || query.offset === 0);
      total = short
        ? query.offset + rows.length
        : Number((await this.users.query<{ count: unknown }[]>(sql.count, filter))[0].count);
    }
    return pageOf(
      rows.map((row) => this.publicProfile(this.hydrate(row))),
      total,
      query,
    );
  }

  /** A user's stored columns as read raw by the driver, as the entity holds them. */
  private hydrate(row: Record<string, unknown>): User {
    const { driver } = this.users.manager.connection;
    const user = this.users.metadata.create() as User;
    for (const column of this.profileColumns) {
      column.setEntityValue(user, driver.prepareHydratedValue(row[column.databaseName], column));
    }
    return user;
  }

  /** The accounts with these ids, in the order given (ids that don't exist are left out). */
  async findByIds(ids: string[]): Promise<User[]> {
    if (ids.length === 0) return [];
    const rows = await this.users.findBy({ id: In(ids) });
    const byId = new Map(rows.map((user) => [user.id, user]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  publicProfile(user: User): PublicProfileDto {
    return toPublicProfile(user, this.presence.statusOf(user.id));
  }

  /** Inside the caller's transaction when given one (a password change revokes sessions with it). */
  async setPasswordHash(
    userId: string,
    passwordHash: string,
    manager?: EntityManager,
  ): Promise<void> {
    const users = manager?.getRepository(User) ?? this.users;
    await users.update({ id: userId }, { passwordHash, updatedAt: this.clock.date() });
  }

  me(user: User): MeProfileDto {
    return toMeProfile(user, this.presence.statusOf(user.id));
  }
}
