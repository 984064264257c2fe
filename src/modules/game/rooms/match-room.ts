/**
 * One live match: the engine state plus what the server needs around it (who plays which side,
 * the countdown, queued inputs, the pause of a disconnected player) and its tape, every input
 * the simulation applied, from which a replay re-simulates it exactly. Pure: time comes in as
 * arguments and results go out as return values, so the tick loop and tests drive it alike.
 */
import {
  createInitialState,
  Direction,
  GameConfig,
  GameState,
  RULES_VERSION,
  Side,
  step,
  stepSeconds,
  StepEvent,
  TapeRecorder,
} from '@arena/engine';
import type { MatchMode } from '../../matches/entities/match.entity';
import type { MatchTape } from '../../matches/replays.service';

export interface RoomPlayer {
  side: Side;
  /** null for the second seat of a local match and for the AI. */
  userId: string | null;
  alias: string;
  connected: boolean;
}

/** `waiting`: a tournament match offered to its players, who have not all joined yet. */
export type RoomStatus = 'waiting' | 'countdown' | 'playing' | 'paused' | 'finished';

export interface RoomOptions {
  /** The one user who steers both sides (local matches and local tournaments). */
  owner?: string | null;
  /** Wait for the players until this time (epoch ms) before the countdown starts. */
  waitUntil?: number | null;
}

/** Inputs waiting per side; beyond this the oldest are dropped (a client can't build a backlog). */
export const INPUT_QUEUE_LIMIT = 8;

interface QueuedInput {
  direction: Direction;
  seq: number | null;
}

export interface TickResult {
  /** A step ran (a state should be broadcast). */
  stepped: boolean;
  events: readonly StepEvent[];
  /** The countdown just ended. */
  started: boolean;
}

const IDLE: TickResult = Object.freeze({ stepped: false, events: [], started: false });

export class MatchRoom {
  readonly state: GameState;
  status: RoomStatus;
  startsAt: number;
  readonly owner: string | null;
  /** While waiting: when the players who have not joined lose by no-show. */
  readonly waitDeadline: number | null;
  /** Sides whose player joined while the room was waiting. */
  readonly showed: Record<Side, boolean> = { left: false, right: false };
  pausedSide: Side | null = null;
  resumeDeadline: number | null = null;
  readonly intents: Record<Side, Direction> = { left: 'stop', right: 'stop' };
  readonly lastSeq: Record<Side, number> = { left: 0, right: 0 };
  private readonly queues: Record<Side, QueuedInput[]> = { left: [], right: [] };
  private readonly recorder = new TapeRecorder();
  /** Every step lasts 1/tickRate s, as replays re-simulate it, whatever the loop's timing. */
  private readonly dt: number;

  constructor(
    readonly id: string,
    readonly mode: MatchMode,
    readonly config: GameConfig,
    readonly players: Record<Side, RoomPlayer>,
    readonly seed: number,
    now: number,
    countdownMs: number,
    options: RoomOptions = {},
  ) {
    this.state = createInitialState(config, seed);
    this.dt = stepSeconds(config);
    this.owner = options.owner ?? null;
    this.waitDeadline = options.waitUntil ?? null;
    this.status = this.waitDeadline === null ? 'countdown' : 'waiting';
    this.startsAt = this.waitDeadline === null ? now + countdownMs : this.waitDeadline;
  }

  /** Sides the user steers: both for its owner, its own otherwise, none for a stranger. */
  sidesOf(userId: string): Side[] {
    if (this.owner !== null) return this.owner === userId ? ['left', 'right'] : [];
    return (['left', 'right'] as const).filter((side) => this.players[side].userId === userId);
  }

  /** A waiting room's players are all here: the countdown starts. */
  begin(now: number, countdownMs: number): void {
    this.status = 'countdown';
    this.startsAt = now + countdownMs;
  }

  hasPlayer(userId: string): boolean {
    return this.players.left.userId === userId || this.players.right.userId === userId;
  }

  /** Queues an intent; applied one per step so a burst can't move a paddle faster than its speed. */
  queueInput(side: Side, direction: Direction, seq: number | null): void {
    const queue = this.queues[side];
    if (queue.length >= INPUT_QUEUE_LIMIT) queue.shift();
    queue.push({ direction, seq });
  }

  /** One fixed step of the room at time `now`. */
  tick(now: number): TickResult {
    if (this.status === 'countdown') {
      if (now < this.startsAt) return IDLE;
      this.status = 'playing';
      return { ...this.advance(), started: true };
    }
    if (this.status !== 'playing') return IDLE;
    return this.advance();
  }

  /** What a replay needs besides the seed and the result: the rules, the config, the tape so far. */
  tape(): MatchTape {
    return {
      engine: RULES_VERSION,
      config: this.config,
      inputs: this.recorder.inputs(),
      finalTick: this.state.tick,
    };
  }

  pause(side: Side, deadline: number): void {
    this.status = 'paused';
    this.pausedSide = side;
    this.resumeDeadline = deadline;
    this.intents.left = this.intents.right = 'stop';
  }

  /** Play resumes after a countdown. */
  resume(now: number, countdownMs: number): void {
    this.status = 'countdown';
    this.startsAt = now + countdownMs;
    this.pausedSide = null;
    this.resumeDeadline = null;
  }

  finish(): void {
    this.status = 'finished';
  }

  private advance(): TickResult {
    for (const side of ['left', 'right'] as const) {
      const input = this.queues[side].shift();
      if (input) {
        this.intents[side] = input.direction;
        if (input.seq !== null) this.lastSeq[side] = input.seq;
      }
    }
    this.recorder.record(this.state.tick + 1, this.intents);
    const events = step(this.state, this.intents, this.dt, this.config);
    if (this.state.phase === 'over') this.status = 'finished';
    return { stepped: true, events, started: false };
  }
}
