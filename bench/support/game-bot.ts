/**
 * A bot player for the game benches: a `/game` socket of @arena/client that chases the ball with a
 * player's reaction time and, while `measuring`, counts the states it receives (and their bytes),
 * the inputs it sends, and each input's input-to-broadcast latency (its `seq` seen echoed in a
 * state's `lastSeq`).
 */
import { connected, connectGame, type GameSocket, type MatchStatePayload } from '@arena/client';
import { percentile, round } from './stats';

type State = MatchStatePayload;

/** The flags of the benches that drive bots (parseArgs options), with a bench's defaults. */
export function botFlags(defaults: { matches: number; duration: number }) {
  return {
    matches: { type: 'string', default: String(defaults.matches) },
    duration: { type: 'string', default: String(defaults.duration) },
    warmup: { type: 'string', default: '3' },
    'reaction-ms': { type: 'string', default: '100' },
  } as const;
}

/** The bot flags' values as numbers. */
export function botSettings(values: {
  matches: string;
  duration: string;
  warmup: string;
  'reaction-ms': string;
}) {
  return {
    matches: Number(values.matches),
    durationS: Number(values.duration),
    warmupS: Number(values.warmup),
    /** A bot looks at the state at most this often, as a player's reactions would (0: every state). */
    reactionMs: Number(values['reaction-ms']),
  };
}

export class Bot {
  readonly socket: GameSocket;
  matchId = '';
  side: 'left' | 'right' = 'left';
  states = 0;
  bytes = 0;
  inputs = 0;
  private seq = 0;
  private intent: 'up' | 'down' | 'stop' = 'stop';
  private lookedAt = Number.NEGATIVE_INFINITY;
  private readonly sentAt = new Map<number, number>();
  readonly latencies: number[] = [];
  measuring = false;

  /**
   * `base` is the server (or node) the bot connects to; it looks at the state at most every
   * `reactionMs` (0: every state), as a player's reactions would.
   */
  constructor(
    base: string,
    token: string,
    private readonly reactionMs: number,
  ) {
    this.socket = connectGame(base, token, { reconnection: false, forceNew: true });
    this.socket.on('match:found', (found) => {
      this.matchId = found.matchId;
      // A match between two players: one side each (`both` is a local match's).
      this.side = found.side as 'left' | 'right';
    });
    this.socket.on('match:state', (state: State) => this.onState(state));
  }

  private onState(state: State): void {
    if (this.measuring) {
      this.states += 1;
      this.bytes += Buffer.byteLength(JSON.stringify(['match:state', state]));
      const echoed = state.lastSeq[this.side];
      for (const [seq, at] of this.sentAt) {
        if (seq > echoed) continue;
        if (seq === echoed) this.latencies.push(performance.now() - at);
        this.sentAt.delete(seq);
      }
    }
    // Chase the ball, sending an input only when the intent changes (as a keyboard would), and
    // looking again only after a human reaction time: without it a bot flips its intent every
    // few ticks around its dead band, some 30 inputs a second, which no player's fingers do.
    const now = performance.now();
    if (now - this.lookedAt < this.reactionMs) return;
    this.lookedAt = now;
    const paddle = state.paddles[this.side].y;
    const next = state.ball.y < paddle - 20 ? 'up' : state.ball.y > paddle + 20 ? 'down' : 'stop';
    if (next !== this.intent) {
      this.intent = next;
      this.seq += 1;
      if (this.measuring) {
        this.inputs += 1;
        this.sentAt.set(this.seq, now);
      }
      this.socket.emit('game:input', { matchId: this.matchId, direction: next, seq: this.seq });
    }
  }
}

/** Resolves once every bot's socket is connected; rejects with the first connect_error. */
export function connectedBots(bots: readonly Bot[]): Promise<void[]> {
  return Promise.all(bots.map((bot) => connected(bot.socket)));
}

/** Input-to-broadcast latency of these bots' measured inputs, in ms. */
export function inputToBroadcast(bots: readonly Bot[]) {
  const latencies = bots.flatMap((bot) => bot.latencies).sort((a, b) => a - b);
  return {
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
    samples: latencies.length,
  };
}

/** Per client per second over `seconds` of measurement. */
export function perClientPerSecond(
  bots: readonly Bot[],
  count: (bot: Bot) => number,
  seconds: number,
): number | null {
  return round(bots.reduce((sum, bot) => sum + count(bot), 0) / bots.length / seconds, 1);
}

/**
 * A run where matches did not all start or states did not flow measured nothing: it fails (exit
 * code 1; the CI smoke run relies on this). `null` phases did not run.
 */
export function failUnlessEveryMatchPlayed(
  phases: ({ matches: number; statesPerClientPerSecond: number | null } | null)[],
  expected: number,
): void {
  const broken = phases.some(
    (phase) => phase && (phase.matches < expected || !phase.statesPerClientPerSecond),
  );
  if (broken) {
    process.stderr.write('Not every match started, or no states arrived: see the summary\n');
    process.exitCode = 1;
  }
}
