/**
 * One live match: the engine state plus what the server needs around it (who plays which side,
 * the countdown, queued inputs, the pause of a disconnected player) and its tape, every input
 * the simulation applied, from which a replay re-simulates it exactly. The room owns its
 * lifecycle: waiting for a tournament's players, counting down, playing, paused (a player gone,
 * or a draining node handing it over), finished; its no-show and reconnect deadlines end it
 * from `tick`. Pure: time comes in as arguments and results go out as return values, so the
 * tick loop and tests drive it alike. A room handed over is rebuilt elsewhere from `handover()`
 * by re-simulating its tape (`MatchRoom.restore`).
 */
import {
  createInitialState,
  Direction,
  GameConfig,
  GameState,
  replay,
  RULES_VERSION,
  Side,
  step,
  stepSeconds,
  StepEvent,
  TapeInput,
  TapeRecorder,
} from '@arena/engine';
import type { EndReason, MatchMode } from '../../matches/entities/match.entity';
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

/** A tournament's match: which tournament, and who advances if nobody shows up. */
export interface RoomTournament {
  id: string;
  round: number;
  noShowWinner: Side;
}

export interface RoomOptions {
  /** The one user who steers both sides (local matches and local tournaments). */
  owner?: string | null;
  /** Wait for the players until this time (epoch ms) before the countdown starts. */
  waitUntil?: number | null;
  tournament?: RoomTournament | null;
}

/** How a room ended by itself (a deadline passed). */
export interface RoomEnding {
  winner: Side;
  reason: EndReason;
  /** false: nobody played (neither tournament player came). */
  played: boolean;
}

/** What joining changed: the room began, resumed, or nothing moved yet. */
export type JoinOutcome = 'began' | 'resumed' | 'joined';

/** Everything another node needs to carry a live room on exactly where it stands. */
export interface RoomHandover {
  id: string;
  mode: MatchMode;
  seed: number;
  players: Record<Side, RoomPlayer>;
  owner: string | null;
  tournament: RoomTournament | null;
  waitDeadline: number | null;
  showed: Record<Side, boolean>;
  lastSeq: Record<Side, number>;
  /** The status before the handover pause. */
  status: RoomStatus;
  inputs: TapeInput[];
  tick: number;
  score: { left: number; right: number };
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
  /** A deadline passed: the room must end so. */
  ending?: RoomEnding;
}

const other = (side: Side): Side => (side === 'left' ? 'right' : 'left');

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
  private recorder = new TapeRecorder();
  /** Every step lasts 1/tickRate s, as replays re-simulate it, whatever the loop's timing. */
  private readonly dt: number;
  readonly tournament: RoomTournament | null;

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
    this.tournament = options.tournament ?? null;
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

  /**
   * A player comes (or comes back) to the room: its sides are connected, a waiting room whose
   * players are all here counts down, a paused one whose players are all back resumes.
   */
  playerJoined(userId: string, now: number, countdownMs: number): JoinOutcome {
    const sides = this.sidesOf(userId);
    for (const side of sides) {
      this.players[side].connected = true;
      if (this.status === 'waiting') this.showed[side] = true;
    }
    const { left, right } = this.players;
    if (this.status === 'waiting' && this.showed.left && this.showed.right) {
      this.begin(now, countdownMs);
      return 'began';
    }
    if (this.status === 'paused' && this.pausedSide !== null && left.connected && right.connected) {
      this.resume(now, countdownMs);
      return 'resumed';
    }
    return 'joined';
  }

  /**
   * Every socket of the user is gone: its sides are disconnected, and a running room pauses
   * until `deadline` for it. Returns the side that paused the room, if it did.
   */
  playerLeft(userId: string, deadline: number): Side | null {
    const sides = this.sidesOf(userId);
    for (const side of sides) this.players[side].connected = false;
    // Waiting: its no-show deadline stands. Paused: already waiting for someone.
    if (sides.length === 0 || this.status === 'waiting' || this.status === 'paused') return null;
    this.pause(sides[0], deadline);
    return sides[0];
  }

  /** A side that is not connected, once the countdown starts (it gets the reconnect grace). */
  absentSide(): Side | null {
    return (['left', 'right'] as const).find((side) => !this.players[side].connected) ?? null;
  }

  /** One fixed step of the room at time `now`; a deadline that passed ends it (`ending`). */
  tick(now: number): TickResult {
    if (this.status === 'waiting') {
      if (this.waitDeadline !== null && now >= this.waitDeadline) return this.noShow();
      return IDLE;
    }
    if (this.status === 'paused') {
      if (this.resumeDeadline !== null && now >= this.resumeDeadline) {
        const winner = this.pausedSide === null ? null : other(this.pausedSide);
        // A handover that never completed has no winner: the host interrupts the match.
        if (winner) return { ...IDLE, ending: { winner, reason: 'timeout', played: true } };
      }
      return IDLE;
    }
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

  /**
   * The no-show deadline passed: the side that came wins by `timeout`; if neither came the
   * tournament's choice advances, and nothing counts as played.
   */
  private noShow(): TickResult {
    const { left, right } = this.showed;
    const fallback = this.tournament?.noShowWinner ?? 'left';
    const winner: Side = left === right ? fallback : left ? 'left' : 'right';
    return { ...IDLE, ending: { winner, reason: 'timeout', played: left || right } };
  }

  /** Paused while a draining node hands the room to another (no side to blame). */
  pauseForHandover(deadline: number): void {
    this.status = 'paused';
    this.pausedSide = null;
    this.resumeDeadline = deadline;
    this.intents.left = this.intents.right = 'stop';
  }

  /** What another node needs to rebuild this room (call once it is paused for the handover). */
  handover(statusBefore: RoomStatus): RoomHandover {
    return {
      id: this.id,
      mode: this.mode,
      seed: this.seed,
      players: {
        left: { ...this.players.left },
        right: { ...this.players.right },
      },
      owner: this.owner,
      tournament: this.tournament,
      waitDeadline: this.waitDeadline,
      showed: { ...this.showed },
      lastSeq: { ...this.lastSeq },
      status: statusBefore,
      inputs: this.recorder.inputs(),
      tick: this.state.tick,
      score: { ...this.state.score },
    };
  }

  /**
   * A room handed over by another node, rebuilt from its seed and tape by re-simulation (the
   * state must come out exactly where the other node left it). A waiting room keeps waiting; any
   * other resumes after a countdown.
   */
  static restore(
    handover: RoomHandover,
    config: GameConfig,
    now: number,
    countdownMs: number,
  ): MatchRoom {
    const room = new MatchRoom(
      handover.id,
      handover.mode,
      config,
      { left: { ...handover.players.left }, right: { ...handover.players.right } },
      handover.seed,
      now,
      countdownMs,
      {
        owner: handover.owner,
        waitUntil: handover.status === 'waiting' ? handover.waitDeadline : null,
        tournament: handover.tournament,
      },
    );
    const state = replay(handover.seed, config, handover.inputs, handover.tick);
    if (
      state.tick !== handover.tick ||
      state.score.left !== handover.score.left ||
      state.score.right !== handover.score.right
    ) {
      throw new Error(`Match ${handover.id} did not re-simulate to where it was handed over`);
    }
    Object.assign(room.state, state);
    room.recorder = TapeRecorder.resume(handover.inputs);
    Object.assign(room.showed, handover.showed);
    Object.assign(room.lastSeq, handover.lastSeq);
    if (handover.status !== 'waiting') room.resume(now, countdownMs);
    return room;
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
