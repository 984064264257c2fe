/**
 * Live matches on several nodes: one owner per match, players, challengers and spectators on
 * other nodes, a node killed mid-match, a node drained with SIGTERM handing its match over.
 */
import type { Socket } from 'socket.io-client';
import {
  api,
  ArenaNode,
  Cluster,
  CLUSTER_METRICS_TOKEN,
  connectGame,
  nextEvent,
  Player,
  register,
  startCluster,
} from './support/cluster';

interface Ack {
  ok: boolean;
  error?: { code: string };
  [key: string]: unknown;
}
interface State {
  matchId: string;
  tick: number;
  paddles: { left: { y: number }; right: { y: number } };
}

const request = <T = Ack>(socket: Socket, event: string, payload?: unknown): Promise<T> =>
  socket.timeout(5000).emitWithAck(event, payload) as Promise<T>;

describe('several nodes: live matches (cluster)', () => {
  let cluster: Cluster;
  const sockets: Socket[] = [];
  const node = (id: string) => cluster.node(id);

  beforeAll(async () => {
    cluster = await startCluster(
      [
        { nodeId: 'game-a', role: 'game' },
        { nodeId: 'game-b', role: 'game' },
        { nodeId: 'game-c', role: 'game' },
        { nodeId: 'game-d', role: 'game' },
        { nodeId: 'api-a', role: 'api' },
      ],
      { GAME_COUNTDOWN_MS: '300', GAME_RECONNECT_GRACE_MS: '15000' },
    );
  }, 180_000);

  afterAll(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await cluster?.stop();
  });

  async function player(api: ArenaNode, game: ArenaNode): Promise<Player & { socket: Socket }> {
    const account = await register(api);
    const socket = await connectGame(game, account.accessToken);
    sockets.push(socket);
    return { ...account, socket };
  }

  /** `from` challenges `to`; `to` accepts on its socket: the acceptor's node runs the match. */
  async function challenge(
    from: { id: string; socket: Socket },
    to: { id: string; socket: Socket },
  ): Promise<string> {
    const received = nextEvent<{ challengeId: string }>(to.socket, 'challenge:received');
    const sent = await request<Ack & { challengeId: string }>(from.socket, 'challenge:send', {
      userId: to.id,
    });
    expect(sent).toMatchObject({ ok: true });
    expect((await received).challengeId).toBe(sent.challengeId);
    const accepted = await request<Ack & { matchId: string }>(to.socket, 'challenge:accept', {
      challengeId: sent.challengeId,
    });
    expect(accepted).toMatchObject({ ok: true, matchId: expect.any(String) });
    return accepted.matchId;
  }

  it('pairs a ranked queue across nodes once, and a player on another node steers its paddle', async () => {
    const ann = await player(node('api-a'), node('game-a'));
    const bob = await player(node('api-a'), node('game-b'));
    const foundAnn = nextEvent<{ matchId: string; side: string }>(ann.socket, 'match:found');
    const foundBob = nextEvent<{ matchId: string; side: string }>(bob.socket, 'match:found');
    expect(await request(ann.socket, 'queue:join', { mode: 'ranked' })).toEqual({ ok: true });
    expect(await request(bob.socket, 'queue:join', { mode: 'ranked' })).toEqual({ ok: true });
    const [a, b] = await Promise.all([foundAnn, foundBob]);
    expect(a.matchId).toBe(b.matchId);
    expect([a.side, b.side].sort()).toEqual(['left', 'right']);
    // Whichever node runs it, both players' inputs reach it.
    const mover = a.side === 'left' ? ann : bob;
    const started = nextEvent<State>(mover.socket, 'match:state', (s) => s.matchId === a.matchId);
    await started;
    const moved = nextEvent<State>(
      mover.socket,
      'match:state',
      (s) => s.matchId === a.matchId && s.paddles.left.y < 250,
      5000,
    );
    for (let seq = 1; seq <= 40; seq++) {
      mover.socket.emit('game:input', { matchId: a.matchId, direction: 'up', seq });
    }
    await moved;
    const ended = nextEvent<{ reason: string }>(bob.socket, 'match:end');
    expect(await request(ann.socket, 'match:leave', { matchId: a.matchId })).toEqual({ ok: true });
    expect(await ended).toMatchObject({ reason: 'forfeit' });
  });

  it('challenges across nodes; a spectator on a third node watches; a node killed mid-match has it interrupted within 10 s', async () => {
    const ann = await player(node('api-a'), node('game-a'));
    const bob = await player(node('api-a'), node('game-b'));
    const eve = await player(node('api-a'), node('game-c'));
    const matchId = await challenge(ann, bob); // runs on game-b
    await nextEvent<State>(ann.socket, 'match:state', (s) => s.matchId === matchId);
    const watched = await request<Ack & { match: { matchId: string; mode: string } }>(
      eve.socket,
      'match:spectate',
      { matchId },
    );
    expect(watched).toMatchObject({ ok: true, match: { matchId, mode: 'private' } });
    await nextEvent<State>(eve.socket, 'match:state', (s) => s.matchId === matchId);

    const interrupted = nextEvent<{ matchId: string }>(
      ann.socket,
      'match:interrupted',
      (e) => e.matchId === matchId,
      10_000,
    );
    const killedAt = Date.now();
    await node('game-b').kill();
    expect(await interrupted).toEqual({ matchId });
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    const stored = await api<{ status: string }>(node('api-a'), 'GET', `/api/matches/${matchId}`, {
      token: ann.accessToken,
    });
    expect(stored.body.status).toBe('interrupted');
    // Ann is free again: she can start another match at once.
    const ai = await request(ann.socket, 'match:ai', { difficulty: 'easy' });
    expect(ai).toMatchObject({ ok: true, matchId: expect.any(String) });
    await request(ann.socket, 'match:leave', { matchId: ai.matchId });
  });

  it('drains a node on SIGTERM: its match is handed over, resumes, and its player rejoins elsewhere', async () => {
    const ann = await player(node('api-a'), node('game-a'));
    const bob = await player(node('api-a'), node('game-d'));
    const matchId = await challenge(ann, bob); // runs on game-d
    const before = await nextEvent<State>(
      ann.socket,
      'match:state',
      (s) => s.matchId === matchId && s.tick > 30,
    );
    const handover = nextEvent<{ side: null; reason: string; resumeDeadline: number }>(
      ann.socket,
      'match:paused',
      (e) => e.reason === 'handover',
      10_000,
    );
    // Bob's sockets were all on the drained node: the new owner waits for him.
    const waitsForBob = handover.then(() =>
      nextEvent<{ side: string; reason: string }>(ann.socket, 'match:paused', undefined, 10_000),
    );
    const stopping = node('game-d').stop();
    expect(await handover).toMatchObject({ matchId, side: null, reason: 'handover' });
    expect(await waitsForBob).toMatchObject({ matchId, side: 'right', reason: 'disconnect' });
    await stopping;
    // Bob's node went away: he reconnects to another node and rejoins; play resumes.
    const again = await connectGame(node('game-a'), bob.accessToken);
    sockets.push(again);
    const resumed = nextEvent<{ matchId: string }>(ann.socket, 'match:resumed', undefined, 10_000);
    const joined = await request<Ack & { match: { matchId: string; state: State } }>(
      again,
      'match:join',
      { matchId },
    );
    expect(joined).toMatchObject({ ok: true, match: { matchId } });
    // Rebuilt from its tape exactly where it was: it carries on from there.
    expect(joined.match.state.tick).toBeGreaterThanOrEqual(before.tick);
    await resumed;
    const after = await nextEvent<State>(
      again,
      'match:state',
      (s) => s.matchId === matchId && s.tick > joined.match.state.tick,
      10_000,
    );
    expect(after.tick).toBeGreaterThan(before.tick);
    const ended = nextEvent<{ reason: string; winnerSide: string }>(ann.socket, 'match:end');
    expect(await request(again, 'match:leave', { matchId })).toEqual({ ok: true });
    expect(await ended).toMatchObject({ reason: 'forfeit' });
    // One match, one tape: its replay covers the play before and after the handover.
    const replay = await api<{ final: { tick: number } }>(
      node('api-a'),
      'GET',
      `/api/matches/${matchId}/replay`,
      { token: ann.accessToken },
    );
    expect(replay.status).toBe(200);
    expect(replay.body.final.tick).toBeGreaterThanOrEqual(after.tick);
  });

  it('opens a tournament started on the api node on a game node, and offers its match again when that node is lost', async () => {
    const host = await player(node('api-a'), node('game-a'));
    const guest = await player(node('api-a'), node('game-c'));
    const created = await api<{ id: string }>(node('api-a'), 'POST', '/api/tournaments', {
      token: host.accessToken,
      body: { name: `Cluster cup ${Date.now() % 100000}`, size: 4 },
    });
    expect(created.status).toBe(201);
    const joinedByGuest = await api(
      node('api-a'),
      'POST',
      `/api/tournaments/${created.body.id}/join`,
      { token: guest.accessToken },
    );
    expect(joinedByGuest.status).toBeLessThan(300);
    const liveBefore = await liveMatches(['game-a', 'game-c']);
    const offered = nextEvent<{ matchId: string }>(guest.socket, 'tournament:match-ready');
    const started = await api(node('api-a'), 'POST', `/api/tournaments/${created.body.id}/start`, {
      token: host.accessToken,
    });
    expect(started.status).toBeLessThan(300);
    const { matchId } = await offered;
    const join = await request(guest.socket, 'match:join', { matchId });
    expect(join).toMatchObject({ ok: true, match: { matchId, status: 'waiting' } });

    // Its node is lost: the match is interrupted and the tournament offers it again elsewhere.
    const liveAfter = await liveMatches(['game-a', 'game-c']);
    const owner = ['game-a', 'game-c'].find((id) => liveAfter[id] === liveBefore[id] + 1) as string;
    expect(owner).toBeDefined();
    const survivor = owner === 'game-a' ? guest : host;
    const reoffered = nextEvent<{ matchId: string; tournamentId: string }>(
      survivor.socket,
      'tournament:match-ready',
      (offer) => offer.matchId !== matchId,
      15_000,
    );
    await node(owner).kill();
    const again = await reoffered;
    expect(again.tournamentId).toBe(created.body.id);
    const rejoin = await request(survivor.socket, 'match:join', { matchId: again.matchId });
    expect(rejoin).toMatchObject({ ok: true, match: { matchId: again.matchId } });
    const first = await api<{ status: string }>(node('api-a'), 'GET', `/api/matches/${matchId}`, {
      token: host.accessToken,
    });
    expect(first.body.status).toBe('interrupted');
  });

  /** How many live matches each node runs (read from its metrics). */
  async function liveMatches(ids: string[]): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const id of ids) {
      const metrics = await fetch(`${node(id).url}/metrics`, {
        headers: { authorization: `Bearer ${CLUSTER_METRICS_TOKEN}` },
      });
      const line = new RegExp(`^arena_live_matches\\{node="${id}"\\} (\\d+)$`, 'm');
      counts[id] = Number(line.exec(await metrics.text())?.[1] ?? NaN);
    }
    return counts;
  }
});
