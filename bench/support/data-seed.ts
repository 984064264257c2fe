/**
 * Builds a large Arena database quickly for `bench:data`: the built server's own migrations make
 * the schema, then rows go in directly with better-sqlite3 (prepared statements, one
 * transaction per table). Everything is drawn from one seeded generator, so the same seed gives
 * the same database. Columns that a build's schema may or may not have yet are filled only when
 * the table has them, so an older build can be measured on the same data.
 *
 * Run alone: `ts-node --transpile-only bench/support/data-seed.ts <file.sqlite> [--users N] [--matches N]`
 */
import Database from 'better-sqlite3';
import * as argon2 from 'argon2';
import { join, resolve } from 'node:path';
import type { DataSource, DataSourceOptions } from 'typeorm';
import { BENCH_PASSWORD } from './server';

export interface SeedOptions {
  users: number;
  /** Finished matches in all. */
  matches: number;
  /** How many of those the heavy player played. */
  heavyMatches: number;
  tournaments: number;
  /** Friends of the heavy player. */
  friends: number;
  /** Chat messages in all: most in one channel of the heavy player, the rest in its directs. */
  messages: number;
  seed: number;
  /** The build whose migrations make the schema (its dist folder). */
  dist: string;
}

export const DEFAULT_SEED: Omit<SeedOptions, 'dist'> = {
  users: 100_000,
  matches: 500_000,
  heavyMatches: 50_000,
  tournaments: 5_000,
  friends: 150,
  messages: 1_000_000,
  seed: 20261129,
};

export interface SeedSummary {
  heavy: { id: string; username: string; password: string; matches: number };
  /** Usernames of a few ordinary accounts (same password) for logins. */
  others: string[];
  users: number;
  matches: number;
  tournaments: number;
  /** One stored finished match, for `GET /api/matches/:id`. */
  sampleMatchId: string;
  /** A registering tournament, for `GET /api/tournaments/:id`. */
  sampleTournamentId: string;
  /** The heavy player's chat (null on a schema without chat). */
  chat: {
    /** The channel holding most messages, and one of its oldest messages (a deep `before`). */
    channelId: string;
    oldMessageId: string;
    /** One of the heavy player's direct conversations. */
    directId: string;
    messages: number;
    conversations: number;
  } | null;
  seconds: number;
}

/** mulberry32: small, fast and good enough to spread benchmark data. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number) => Math.floor(next() * below);
  const hex = (digits: number) => {
    let out = '';
    while (out.length < digits) out += ((next() * 0x100000000) >>> 0).toString(16).padStart(8, '0');
    return out.slice(0, digits);
  };
  /** A version-4 UUID from the generator. */
  const uuid = () => {
    const h = hex(32);
    const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  return { next, int, uuid };
}

/** TypeORM's SQLite spelling of a timestamp (UTC, milliseconds). */
function sqliteTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

const SYLLABLES = [
  'ka',
  'zu',
  'mi',
  'ro',
  'te',
  'lo',
  'na',
  'shi',
  'va',
  'en',
  'dor',
  'ix',
  'pa',
  'qu',
];

async function migrate(file: string, dist: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildDataSourceOptions } = require(join(dist, 'database', 'data-source.options')) as {
    buildDataSourceOptions: (db: object, o: { runMigrations: boolean }) => DataSourceOptions;
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DataSource: Source } = require('typeorm') as {
    DataSource: new (o: DataSourceOptions) => DataSource;
  };
  const source = new Source(
    buildDataSourceOptions(
      { type: 'sqlite', sqlitePath: file, url: null, synchronize: false },
      { runMigrations: true },
    ),
  );
  await source.initialize();
  await source.destroy();
}

export async function seedDatabase(file: string, options: SeedOptions): Promise<SeedSummary> {
  const started = Date.now();
  await migrate(resolve(file), options.dist);
  const rng = generator(options.seed);
  const db = new Database(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -262144');
  const columnsOf = (table: string) =>
    new Set((db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name));
  /** An INSERT of the given row shape, keeping only the columns this schema has. */
  const inserter = (table: string, row: Record<string, unknown>) => {
    const have = columnsOf(table);
    const names = Object.keys(row).filter((name) => have.has(name));
    const statement = db.prepare(
      `INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
    );
    return (values: Record<string, unknown>) => statement.run(names.map((n) => values[n]));
  };

  const year = 365 * 24 * 3600 * 1000;
  const now = Date.UTC(2026, 10, 1);
  const passwordHash = await argon2.hash(BENCH_PASSWORD, {
    type: argon2.argon2id,
    memoryCost: 19456,
    timeCost: 2,
    parallelism: 1,
  });

  // Accounts: the heavy player first, then everyone else.
  const userIds: string[] = [];
  const usernames: string[] = [];
  const ratings = new Int32Array(options.users);
  const userRow = (i: number) => {
    const id = rng.uuid();
    const username =
      i === 0
        ? 'heavy_player'
        : `p${String(i).padStart(6, '0')}_${SYLLABLES[rng.int(SYLLABLES.length)]}`;
    const display = `${SYLLABLES[rng.int(SYLLABLES.length)]}${SYLLABLES[rng.int(SYLLABLES.length)]} ${SYLLABLES[rng.int(SYLLABLES.length)]}`;
    const rating = 700 + rng.int(900);
    const played = rng.int(200);
    const wins = rng.int(played + 1);
    const created = sqliteTime(now - year + Math.floor((i / options.users) * year * 0.5));
    userIds.push(id);
    usernames.push(username);
    ratings[i] = rating;
    return {
      id,
      username,
      usernameLower: username.toLowerCase(),
      email: `${username}@bench.example`,
      passwordHash,
      displayName: display.charAt(0).toUpperCase() + display.slice(1),
      bio: '',
      avatarFile: null,
      rating,
      twoFactorSecret: null,
      twoFactorEnabled: 0,
      createdAt: created,
      updatedAt: created,
      erasedAt: null,
      peakRating: rating + rng.int(50),
      played,
      wins,
      losses: played - wins,
      currentStreak: 0,
      bestStreak: rng.int(8),
      pointsScored: played * 9,
      pointsConceded: played * 8,
      twoFactorLastStep: null,
    };
  };
  const first = userRow(0);
  const insertUser = inserter('users', first);
  db.transaction(() => {
    insertUser(first);
    for (let i = 1; i < options.users; i++) insertUser(userRow(i));
  })();

  // Finished matches, oldest first; the heavy player sits in `heavyMatches` of them.
  const matchShape = {
    id: '',
    mode: 'ranked',
    status: 'finished',
    winnerSide: 'left',
    endReason: 'score',
    tournamentId: null,
    seed: 0,
    startedAt: '',
    endedAt: '',
    createdAt: '',
  };
  const playerShape = {
    id: '',
    matchId: '',
    side: 'left',
    userId: '',
    alias: '',
    score: 0,
    ratingBefore: 0,
    ratingAfter: 0,
    matchCreatedAt: '',
  };
  const insertMatch = inserter('matches', matchShape);
  const insertPlayer = inserter('match_players', playerShape);
  const heavyEvery = options.matches / options.heavyMatches;
  let heavyCount = 0;
  let sampleMatchId = '';
  db.transaction(() => {
    for (let i = 0; i < options.matches; i++) {
      const id = rng.uuid();
      const createdMs = now - year + Math.floor((i / options.matches) * year) + rng.int(1000);
      const created = sqliteTime(createdMs);
      const heavy = i % heavyEvery < 1 && heavyCount < options.heavyMatches;
      if (heavy) heavyCount++;
      const left = heavy ? 0 : 1 + rng.int(options.users - 1);
      let right = 1 + rng.int(options.users - 1);
      if (right === left) right = right === options.users - 1 ? 1 : right + 1;
      const ranked = rng.next() < 0.6;
      const winner = rng.next() < 0.5 ? 'left' : 'right';
      const loserScore = rng.int(11);
      insertMatch({
        id,
        mode: ranked ? 'ranked' : 'casual',
        status: 'finished',
        winnerSide: winner,
        endReason: 'score',
        tournamentId: null,
        seed: rng.int(0x7fffffff),
        startedAt: sqliteTime(createdMs + 3000),
        endedAt: sqliteTime(createdMs + 3000 + 60_000 + rng.int(240_000)),
        createdAt: created,
      });
      for (const [side, index] of [
        ['left', left],
        ['right', right],
      ] as const) {
        const won = side === winner;
        const before = ratings[index];
        const delta = ranked ? (won ? 16 : -16) : 0;
        insertPlayer({
          id: rng.uuid(),
          matchId: id,
          side,
          userId: userIds[index],
          alias: usernames[index],
          score: won ? 11 : loserScore,
          ratingBefore: ranked ? before : null,
          ratingAfter: ranked ? before + delta : null,
          matchCreatedAt: created,
        });
      }
      if (i === options.matches - 1) sampleMatchId = id;
    }
  })();

  // The heavy player's friends (a friendship is one row per direction) and a few sessions.
  const insertFriend = inserter('friendships', { userId: '', friendId: '', createdAt: '' });
  db.transaction(() => {
    for (let i = 1; i <= options.friends; i++) {
      const createdAt = sqliteTime(now - rng.int(year));
      insertFriend({ userId: userIds[0], friendId: userIds[i], createdAt });
      insertFriend({ userId: userIds[i], friendId: userIds[0], createdAt });
    }
  })();

  // Tournaments: most finished long ago without a stored bracket shape the list must parse, so
  // they are registering or cancelled; each has a few seats.
  const insertTournament = inserter('tournaments', {
    id: '',
    name: '',
    kind: 'online',
    size: 4,
    status: 'registering',
    creatorId: '',
    bracket: null,
    winnerParticipantId: null,
    createdAt: '',
    startedAt: null,
    endedAt: null,
  });
  const insertSeat = inserter('tournament_participants', {
    id: '',
    tournamentId: '',
    userId: '',
    alias: '',
    aliasLower: '',
    seed: null,
    joinedAt: '',
  });
  let sampleTournamentId = '';
  db.transaction(() => {
    for (let i = 0; i < options.tournaments; i++) {
      const id = rng.uuid();
      const createdMs = now - year + Math.floor((i / options.tournaments) * year);
      const registering = i >= options.tournaments - 200;
      const seats = 1 + rng.int(3);
      const first = 1 + rng.int(options.users - 10);
      insertTournament({
        id,
        name: `Cup ${i}`,
        kind: 'online',
        size: 4,
        status: registering ? 'registering' : 'cancelled',
        creatorId: userIds[first],
        bracket: null,
        winnerParticipantId: null,
        createdAt: sqliteTime(createdMs),
        startedAt: null,
        endedAt: registering ? null : sqliteTime(createdMs + 3_600_000),
      });
      for (let s = 0; s < seats; s++) {
        insertSeat({
          id: rng.uuid(),
          tournamentId: id,
          userId: userIds[first + s],
          alias: usernames[first + s],
          aliasLower: usernames[first + s].toLowerCase(),
          seed: null,
          joinedAt: sqliteTime(createdMs + s * 1000),
        });
      }
      if (registering) sampleTournamentId = id;
    }
  })();

  const chat = seedChat();

  /**
   * Chat, if this schema has it: the heavy player owns a channel of CHANNEL_MEMBERS members
   * holding 90 % of the messages, and talks in DIRECTS direct conversations sharing the rest.
   */
  function seedChat(): SeedSummary['chat'] {
    if (!columnsOf('chat_messages').has('seq') || options.messages <= 0) return null;
    const CHANNEL_MEMBERS = Math.min(200, options.users);
    const DIRECTS = Math.min(100, options.users - 1);
    const inChannel = Math.floor(options.messages * 0.9);
    const perDirect = Math.floor((options.messages - inChannel) / DIRECTS);
    const conversationShape = {
      id: '',
      kind: 'channel',
      name: null as string | null,
      nameLower: null as string | null,
      listedName: null as string | null,
      visibility: null as string | null,
      passwordHash: null,
      directKey: null as string | null,
      lastSeq: 0,
      lastMessageId: '',
      memberCount: 0,
      createdAt: '',
    };
    const memberShape = {
      conversationId: '',
      userId: '',
      role: 'member',
      joinedAt: '',
      lastActivityAt: '',
      lastReadSeq: 0,
      unread: 0,
      mutedUntil: null,
    };
    const messageShape = {
      id: '',
      conversationId: '',
      seq: 0,
      senderId: '',
      kind: 'text',
      body: '',
      challengeId: null,
      createdAt: '',
    };
    const insertConversation = inserter('chat_conversations', conversationShape);
    const insertMember = inserter('chat_members', memberShape);
    const insertMessage = inserter('chat_messages', messageShape);
    const start = now - year / 2;
    /** Stores `count` messages among `senders`, oldest first; answers the first and last ids. */
    const messages = (conversationId: string, senders: string[], count: number) => {
      let firstId = '';
      let lastId = '';
      for (let seq = 1; seq <= count; seq++) {
        const id = rng.uuid();
        if (seq === 1) firstId = id;
        lastId = id;
        insertMessage({
          id,
          conversationId,
          seq,
          senderId: senders[seq % senders.length],
          kind: 'text',
          body: `message ${seq} ${SYLLABLES[rng.int(SYLLABLES.length)]}`,
          challengeId: null,
          createdAt: sqliteTime(start + Math.floor((seq / count) * (year / 2))),
        });
      }
      return { firstId, lastId };
    };
    let channelId = '';
    let oldMessageId = '';
    let directId = '';
    db.transaction(() => {
      channelId = rng.uuid();
      const members = userIds.slice(0, CHANNEL_MEMBERS);
      const { firstId, lastId } = messages(channelId, members, inChannel);
      oldMessageId = firstId;
      insertConversation({
        ...conversationShape,
        id: channelId,
        name: 'Bench hall',
        nameLower: 'bench hall',
        listedName: 'bench hall',
        visibility: 'public',
        lastSeq: inChannel,
        lastMessageId: lastId,
        memberCount: members.length,
        createdAt: sqliteTime(start),
      });
      members.forEach((userId, i) =>
        insertMember({
          ...memberShape,
          conversationId: channelId,
          userId,
          role: i === 0 ? 'owner' : 'member',
          joinedAt: sqliteTime(start + i),
          lastActivityAt: sqliteTime(now),
          lastReadSeq: inChannel - rng.int(50),
          unread: rng.int(50),
        }),
      );
      for (let d = 1; d <= DIRECTS; d++) {
        const id = rng.uuid();
        if (d === 1) directId = id;
        const pair = [userIds[0], userIds[d]];
        const { lastId: last } = messages(id, pair, perDirect);
        const activity = sqliteTime(now - d * 60_000);
        insertConversation({
          ...conversationShape,
          id,
          kind: 'direct',
          directKey: pair[0] < pair[1] ? `${pair[0]}:${pair[1]}` : `${pair[1]}:${pair[0]}`,
          lastSeq: perDirect,
          lastMessageId: last,
          memberCount: 2,
          createdAt: sqliteTime(start),
        });
        for (const userId of pair) {
          insertMember({
            ...memberShape,
            conversationId: id,
            userId,
            joinedAt: sqliteTime(start),
            lastActivityAt: activity,
            lastReadSeq: perDirect,
          });
        }
      }
    })();
    return {
      channelId,
      oldMessageId,
      directId,
      messages: inChannel + perDirect * DIRECTS,
      conversations: DIRECTS + 1,
    };
  }

  db.exec('ANALYZE');
  db.pragma('journal_mode = WAL');
  db.close();
  return {
    heavy: {
      id: userIds[0],
      username: usernames[0],
      password: BENCH_PASSWORD,
      matches: heavyCount,
    },
    others: usernames.slice(1, 101),
    users: options.users,
    matches: options.matches,
    tournaments: options.tournaments,
    sampleMatchId,
    sampleTournamentId,
    chat,
    seconds: (Date.now() - started) / 1000,
  };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const flag = (name: string, fallback: number) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? Number(args[at + 1]) : fallback;
  };
  const file = args[0];
  if (!file || file.startsWith('--')) {
    process.stderr.write(
      'usage: data-seed.ts <file.sqlite> [--users N] [--matches N] [--heavy N]\n',
    );
    process.exit(2);
  }
  seedDatabase(file, {
    ...DEFAULT_SEED,
    users: flag('users', DEFAULT_SEED.users),
    matches: flag('matches', DEFAULT_SEED.matches),
    heavyMatches: flag('heavy', DEFAULT_SEED.heavyMatches),
    tournaments: flag('tournaments', DEFAULT_SEED.tournaments),
    messages: flag('messages', DEFAULT_SEED.messages),
    seed: flag('seed', DEFAULT_SEED.seed),
    dist: resolve(process.env.ARENA_DIST ?? join(__dirname, '..', '..', 'dist')),
  }).then(
    (summary) => process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
}
