/**
 * The floor for `bench:http`: a raw Fastify server that does the same work as Arena for the
 * benchmarked routes and nothing else. It verifies the same HS256 access token with the same
 * secret and library (jsonwebtoken, with a KeyObject), reads the session row and the user row
 * from Arena's own SQLite file with prepared better-sqlite3 statements, and answers the same JSON
 * (no Nest, no TypeORM, no guards, hooks, helmet, logging or metrics).
 *
 * bench/support/server.ts compiles it to plain JavaScript and starts it with SQLITE_PATH,
 * JWT_SECRET and PORT.
 */
import Database from 'better-sqlite3';
import Fastify, { FastifyReply, FastifyRequest } from 'fastify';
import { createSecretKey } from 'node:crypto';
import { verify } from 'jsonwebtoken';

interface UserRow {
  id: string;
  username: string;
  displayName: string;
  avatarFile: string | null;
  bio: string;
  rating: number;
  email: string | null;
  passwordHash: string | null;
  twoFactorEnabled: number;
  createdAt: string;
}

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const key = createSecretKey(Buffer.from(env('JWT_SECRET'), 'utf8'));
const db = new Database(env('SQLITE_PATH'), { fileMustExist: true, timeout: 5000 });
db.pragma('journal_mode = WAL');

// Arena reads whole rows through TypeORM; so does the reference.
const sessionById = db.prepare<
  [string],
  { id: string; userId: string; revokedAt: string | null; expiresAt: string }
>('SELECT id, userId, revokedAt, expiresAt FROM sessions WHERE id = ?');
const userById = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?');
const activeUsersPage = db.prepare<[number, number], UserRow>(
  'SELECT * FROM users WHERE erasedAt IS NULL ORDER BY usernameLower ASC LIMIT ? OFFSET ?',
);
const activeUsersCount = db.prepare<[], { total: number }>(
  'SELECT COUNT(*) AS total FROM users WHERE erasedAt IS NULL',
);

const unauthorized = (reply: FastifyReply) =>
  reply.code(401).send({
    statusCode: 401,
    error: { code: 'UNAUTHORIZED', message: 'Missing or invalid access token' },
  });

/** SQLite datetime text as TypeORM stores it (UTC, space-separated) → ISO 8601. */
const isoDate = (text: string) => new Date(`${text.replace(' ', 'T')}Z`).toISOString();

function publicProfile(user: UserRow) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    avatarUrl: user.avatarFile ? `/avatars/${user.avatarFile}` : null,
    bio: user.bio,
    status: 'offline',
    rating: user.rating,
    createdAt: isoDate(user.createdAt),
  };
}

/** The bearer token's session, as Arena's guard checks it; null means 401. */
function authenticate(request: FastifyRequest): { userId: string } | null {
  const header = request.headers.authorization;
  if (!header?.startsWith('Bearer ')) return null;
  let claims: { sub?: unknown; sid?: unknown };
  try {
    claims = verify(header.slice(7), key, { algorithms: ['HS256'] });
  } catch {
    return null;
  }
  if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string') return null;
  const session = sessionById.get(claims.sid);
  if (!session || session.userId !== claims.sub || session.revokedAt) return null;
  // Arena refuses a session past its expiry too (times are stored as UTC text).
  if (Date.parse(`${session.expiresAt.replace(' ', 'T')}Z`) <= Date.now()) return null;
  return { userId: claims.sub };
}

const app = Fastify({ logger: false });

app.get('/api/users/me', (request, reply) => {
  const caller = authenticate(request);
  if (!caller) return unauthorized(reply);
  const user = userById.get(caller.userId);
  if (!user) return reply.code(404).send({ statusCode: 404, error: { code: 'NOT_FOUND' } });
  return {
    ...publicProfile(user),
    email: user.email,
    twoFactorEnabled: user.twoFactorEnabled === 1,
    hasPassword: user.passwordHash !== null,
  };
});

app.get('/api/users', (request, reply) => {
  if (!authenticate(request)) return unauthorized(reply);
  const query = request.query as { page?: string; limit?: string };
  const page = Number(query.page ?? 1);
  const limit = Number(query.limit ?? 20);
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(limit) || limit < 1 || limit > 100)
    return reply.code(400).send({ statusCode: 400, error: { code: 'VALIDATION' } });
  const items = activeUsersPage.all(limit, (page - 1) * limit).map(publicProfile);
  return { items, total: activeUsersCount.get()?.total ?? 0, page, limit };
});

app.get('/health', () => ({ status: 'ok' }));

app.listen({ host: '127.0.0.1', port: Number(env('PORT')) }).catch((error: unknown) => {
  process.stderr.write(`reference server: ${String(error)}\n`);
  process.exit(1);
});
