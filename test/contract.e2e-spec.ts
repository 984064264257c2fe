/**
 * The contract documents and the checks built on them: /asyncapi.json is the document the socket
 * checks use and a valid AsyncAPI 3 document; @arena/client's REST types are those of the live
 * /docs-json; the checks really fail on drift; and @arena/client works against Arena.
 */
import {
  ArenaAckError,
  ArenaApiError,
  ArenaRestClient,
  connectGame,
  connected,
  emitWithAck,
  type GameSocket,
} from '@arena/client';
import { buildAsyncApiDocument } from '@arena/protocol';
import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asyncApiDocument, serverEventViolation, ackViolation } from './support/asyncapi-contract';
import { CHECKED_ITEMS, OpenApiContract, sampled } from './support/openapi-contract';
import { startTestApp, TestApp } from './support/test-app';

/** The first line where two texts differ, or null. */
function firstDifference(committed: string, fresh: string): string | null {
  const a = committed.split('\n');
  const b = fresh.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i])
      return `line ${i + 1}: committed ${JSON.stringify(a[i])}, live ${JSON.stringify(b[i])}`;
  }
  return null;
}

describe('contract (e2e)', () => {
  let t: TestApp;
  const sockets: GameSocket[] = [];

  beforeAll(async () => {
    t = await startTestApp({ env: { PUBLIC_URL: 'https://arena.example' } });
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await t.close();
  });

  describe('/asyncapi.json', () => {
    it('serves the document built from @arena/protocol, the one the socket checks use', async () => {
      const res = await t.http().get('/asyncapi.json').expect(200);
      expect(res.type).toBe('application/json');
      expect(res.body).toEqual(
        buildAsyncApiDocument({ publicUrl: 'https://arena.example', version: '1.0' }),
      );
      const { servers: _served, ...served } = res.body as Record<string, unknown>;
      const { servers: _checked, ...checked } = asyncApiDocument;
      expect(served).toEqual(checked);
    });

    it('is a valid AsyncAPI 3 document by @asyncapi/parser, naming every event of both namespaces', async () => {
      const res = await t.http().get('/asyncapi.json').expect(200);
      const { document, diagnostics } = await new Parser().parse(res.text);
      const errors = diagnostics.filter(
        (d) => (d.severity as number) === (DiagnosticSeverity.Error as number),
      );
      expect(errors.map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([]);
      const names = (channel: string) =>
        document
          ?.channels()
          .get(channel)
          ?.messages()
          .all()
          .map((m) => m.name());
      expect(names('game')).toEqual(
        expect.arrayContaining(['match:state', 'match:join', 'match:join:ack', 'game:input']),
      );
      expect(names('chat')).toEqual(
        expect.arrayContaining(['chat:send', 'chat:send:ack', 'chat:message', 'notification']),
      );
      expect(document?.servers().get('arena')?.host()).toBe('arena.example');
    });
  });

  it("keeps @arena/client's REST types those of the live /docs-json (npm run client:types)", async () => {
    const res = await t.http().get('/docs-json').expect(200);
    const root = join(__dirname, '..');
    const fresh = execFileSync(
      process.execPath,
      [
        require.resolve('ts-node/dist/bin'),
        '--transpile-only',
        'scripts/client-types.ts',
        '--render',
      ],
      { cwd: root, input: res.text, encoding: 'utf8', timeout: 60_000 },
    );
    const committed = readFileSync(join(root, 'packages/client/src/rest-api.generated.ts'), 'utf8');
    // A mismatch means the document changed: run `npm run client:types` and commit the file.
    expect(firstDifference(committed, fresh)).toBeNull();
  });

  describe('the checks fail on drift', () => {
    it('names the route, the status and the schema error of an answer /docs-json does not describe', async () => {
      const contract = new OpenApiContract((await t.http().get('/docs-json')).body);
      const profile = (await t.http().get('/health')).body as unknown;
      expect(contract.violation('GET', '/health', 200, profile)).toBeNull();
      expect(contract.violation('GET', '/api/matches/:id', 200, { id: 'x' })).toMatch(
        /^GET \/api\/matches\/:id answered 200, not as \/docs-json says: .*required/,
      );
      expect(contract.violation('GET', '/api/users/me', 418, {})).toMatch(
        /^GET \/api\/users\/me answered 418, not as \/docs-json says: An unknown status code/,
      );
      // An error must be the envelope.
      expect(contract.violation('GET', '/api/users/me', 401, { message: 'no' })).toMatch(
        /answered 401.*statusCode/,
      );
      // Undocumented fields are drift too.
      const envelope = {
        statusCode: 401,
        error: 'Unauthorized',
        message: 'no',
        path: '/api/users/me',
        timestamp: new Date().toISOString(),
      };
      expect(contract.violation('GET', '/api/users/me', 401, envelope)).toBeNull();
      expect(contract.violation('GET', '/api/users/me', 401, { ...envelope, stack: 'x' })).toMatch(
        /additional properties/,
      );
    });

    it('checks the first thousand items of a long list, whose items share one schema', () => {
      const long = { items: Array.from({ length: 1500 }, (_, i) => ({ i, tags: [i] })) };
      const cut = sampled(long) as typeof long;
      expect(cut.items).toHaveLength(CHECKED_ITEMS);
      expect(cut.items[999]).toEqual({ i: 999, tags: [999] });
    });

    it('names the event and the schema error of a socket payload /asyncapi.json does not describe', () => {
      expect(
        serverEventViolation('game', 'match:countdown', { matchId: 'x', startsAt: 1 }),
      ).toMatch(/^\/game match:countdown: \/matchId must match format "uuid"/);
      expect(serverEventViolation('game', 'match:warp', {})).toMatch(/no such server event/);
      expect(ackViolation('game', 'queue:join', { ok: true, extra: 1 })).toMatch(
        /^\/game queue:join ack: /,
      );
      expect(
        ackViolation('game', 'queue:join', {
          ok: false,
          error: { code: 'VALIDATION', message: 'm' },
        }),
      ).toBeNull();
    });
  });

  describe('@arena/client against Arena', () => {
    it('registers, reads typed answers and rotates its refresh token on a 401', async () => {
      const seen: unknown[] = [];
      const api = new ArenaRestClient({ baseUrl: t.url, onTokens: (tokens) => seen.push(tokens) });
      const { user } = await api.register({
        username: 'client_lib',
        email: 'client_lib@example.com',
        password: 'correct horse battery',
      });
      const me = await api.get('/api/users/me');
      expect(me).toMatchObject({ id: user.id, username: 'client_lib', hasPassword: true });
      const firstRefresh = api.refreshToken;

      // A token Arena refuses: the client rotates its refresh token and tries again, once.
      api.setTokens({ accessToken: 'not-a-token', refreshToken: firstRefresh ?? '' });
      const again = await api.get('/api/users/{id}', { params: { id: user.id } });
      expect(again.username).toBe('client_lib');
      expect(api.refreshToken).not.toBe(firstRefresh);
      expect(seen).toHaveLength(3);

      const missing = await api
        .get('/api/users/{id}', { params: { id: '00000000-0000-4000-8000-000000000000' } })
        .then(
          () => null,
          (error: unknown) => error,
        );
      expect(missing).toBeInstanceOf(ArenaApiError);
      expect(missing).toMatchObject({
        status: 404,
        envelope: {
          statusCode: 404,
          error: 'Not Found',
          path: '/api/users/00000000-0000-4000-8000-000000000000',
        },
      });
      await api.signOut();
      expect(api.accessToken).toBeNull();
    });

    it('plays through a typed /game socket: acks resolve, refusals reject with their code', async () => {
      const api = new ArenaRestClient({ baseUrl: t.url });
      await api.register({
        username: 'client_sock',
        email: 'client_sock@example.com',
        password: 'correct horse battery',
      });
      const game = connectGame(t.url, api.accessToken ?? '', {
        forceNew: true,
        reconnection: false,
      });
      sockets.push(game);
      await connected(game);
      const found = new Promise((resolve) => game.once('match:found', resolve));
      const { matchId } = await emitWithAck(game, 'match:ai', { difficulty: 'easy' });
      expect(await found).toMatchObject({ matchId, mode: 'ai', side: 'left' });
      await expect(emitWithAck(game, 'queue:leave')).resolves.toEqual({ ok: true });
      const refused = await emitWithAck(game, 'match:spectate', { matchId: 'nope' }).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(ArenaAckError);
      expect(refused).toMatchObject({ event: 'match:spectate', code: 'VALIDATION' });
      await emitWithAck(game, 'match:leave', { matchId });

      const stranger = connectGame(t.url, 'bogus', { forceNew: true, reconnection: false });
      sockets.push(stranger);
      await expect(connected(stranger)).rejects.toThrow('unauthorized');
    });
  });
});
