/**
 * The floor for `bench:game`: a bare Socket.IO server, with the same Socket.IO version and server
 * options as Arena (WebSocket first, no per-message compression), that does the game's own work
 * during a match and nothing else. It pairs sockets as they join the queue, steps each match with
 * Arena's own pure engine (@arena/engine, built) and fixed-step loop (from dist/), applies one
 * queued input per side per step, and broadcasts Arena's own `match:state` snapshot to the
 * match's room after every step.
 * No Nest, no authentication, presence, metrics, rate limits or database.
 *
 * bench/support/server.ts compiles it to plain JavaScript and starts it with PORT and ARENA_DIST.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { Server, Socket } from 'socket.io';
import type * as EngineModule from '@arena/engine';
import type * as LoopModule from '../../src/modules/game/game-loop';
import type * as SnapshotModule from '../../src/modules/game/rooms/state-snapshot';
import type * as ClockModule from '../../src/common/clock/clock';

type Side = 'left' | 'right';
type Direction = 'up' | 'down' | 'stop';

interface Match {
  id: string;
  room: string;
  state: EngineModule.GameState;
  intents: Record<Side, Direction>;
  lastSeq: Record<Side, number>;
  queues: Record<Side, { direction: Direction; seq: number | null }[]>;
}

const DIRECTIONS = new Set<unknown>(['up', 'down', 'stop']);
const INPUT_QUEUE_LIMIT = 8;

async function main(): Promise<void> {
  const dist = process.env.ARENA_DIST ?? join(process.cwd(), 'dist');
  const engine = await import('@arena/engine');
  const { GameLoop } = (await import(join(dist, 'modules/game/game-loop'))) as typeof LoopModule;
  const { stateSnapshot } = (await import(
    join(dist, 'modules/game/rooms/state-snapshot')
  )) as typeof SnapshotModule;
  const { SystemClock } = (await import(join(dist, 'common/clock/clock'))) as typeof ClockModule;

  const config = engine.makeGameConfig({ winningScore: 100 });
  const matches = new Map<string, Match>();
  const seats = new Map<string, { match: Match; side: Side }>();
  let waiting: Socket | null = null;

  const http = createServer((req, res) => {
    res.writeHead(req.url === '/health' ? 200 : 404).end();
  });
  const io = new Server(http, {
    transports: ['websocket', 'polling'],
    perMessageDeflate: false,
    serveClient: false,
  });
  const game = io.of('/game');

  function start(left: Socket, right: Socket): void {
    const id = randomUUID();
    const match: Match = {
      id,
      room: `match:${id}`,
      state: engine.createInitialState(config, matches.size + 1),
      intents: { left: 'stop', right: 'stop' },
      lastSeq: { left: 0, right: 0 },
      queues: { left: [], right: [] },
    };
    matches.set(id, match);
    for (const [socket, side] of [
      [left, 'left'],
      [right, 'right'],
    ] as const) {
      void socket.join(match.room);
      seats.set(socket.id, { match, side });
      socket.emit('match:found', { matchId: id, mode: 'casual', side });
    }
  }

  game.on('connection', (socket) => {
    socket.on('queue:join', (_payload: unknown, ack?: (result: object) => void) => {
      ack?.({ ok: true });
      if (waiting && waiting.connected) {
        start(waiting, socket);
        waiting = null;
      } else {
        waiting = socket;
      }
    });
    socket.on('game:input', (body: { matchId?: unknown; direction?: unknown; seq?: unknown }) => {
      const seat = seats.get(socket.id);
      if (!seat || body?.matchId !== seat.match.id || !DIRECTIONS.has(body.direction)) return;
      const queue = seat.match.queues[seat.side];
      if (queue.length >= INPUT_QUEUE_LIMIT) queue.shift();
      queue.push({
        direction: body.direction as Direction,
        seq: Number.isInteger(body.seq) ? (body.seq as number) : null,
      });
    });
    socket.on('disconnect', () => seats.delete(socket.id));
  });

  const loop = new GameLoop(new SystemClock(), config.tickRate, (_now, dt) => {
    for (const match of matches.values()) {
      if (match.state.phase === 'over') continue;
      for (const side of ['left', 'right'] as const) {
        const input = match.queues[side].shift();
        if (!input) continue;
        match.intents[side] = input.direction;
        if (input.seq !== null) match.lastSeq[side] = input.seq;
      }
      engine.step(match.state, match.intents, dt, config);
      game.to(match.room).emit('match:state', stateSnapshot(match));
    }
  });
  loop.start();
  // The loop's timer is unref'd (Arena's loop must not hold a closing process); the server holds this one.
  http.listen(Number(process.env.PORT), '127.0.0.1');
}

main().catch((error: unknown) => {
  process.stderr.write(`reference game server: ${String(error)}\n`);
  process.exit(1);
});
