/**
 * Replays: sealed and written with each result (inside its transaction), read back as API.md's
 * `Replay`, and verified by re-simulation. A re-simulation runs in slices with a turn of the
 * event loop between them, because the 60 Hz game loop shares this thread: a slice is a few
 * milliseconds, and the longest replay the bounds allow is a few hundred slices.
 */
import {
  checkReplay,
  decodeTape,
  encodeTape,
  GameConfig,
  Replay,
  ReplayFinal,
  ReplayVerdict,
  ReplayVerification,
  sealReplay,
  TapeInput,
} from '@arena/engine';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { EntityManager, In, Repository } from 'typeorm';
import { Semaphore } from '../../common/concurrency/semaphore';
import {
  ConflictError,
  NotFoundError,
  UnavailableError,
  ValidationError,
} from '../../common/errors';
import { MatchReplay } from './entities/match-replay.entity';
import { Match } from './entities/match.entity';

/** What a live room hands over for its replay (the seed and the result are the match's own). */
export interface MatchTape {
  /** The engine's RULES_VERSION. */
  engine: string;
  config: GameConfig;
  inputs: readonly TapeInput[];
  /** The last step simulated. */
  finalTick: number;
}

/** Steps per slice of a re-simulation: about a millisecond here (see bench:replay). */
export const RESIMULATION_SLICE = 20_000;
/**
 * The first slice is smaller and they double up to RESIMULATION_SLICE: in a process that has not
 * re-simulated yet, the first steps run before the JIT has compiled the loop, several times
 * slower.
 */
export const FIRST_RESIMULATION_SLICE = 1_000;

/** The size of the slice after one of `previous` steps (0 for the first). */
export function nextSlice(previous: number): number {
  return previous === 0 ? FIRST_RESIMULATION_SLICE : Math.min(previous * 2, RESIMULATION_SLICE);
}
/** Re-simulations running at once; the rest wait their turn, up to VERIFICATIONS_WAITING. */
const VERIFICATIONS_AT_ONCE = 2;
const VERIFICATIONS_WAITING = 32;

const LIVE = new Set<Match['status']>(['waiting', 'in_progress']);

@Injectable()
export class ReplaysService {
  private readonly resimulations = new Semaphore(VERIFICATIONS_AT_ONCE);

  constructor(
    @InjectRepository(Match) private readonly matches: Repository<Match>,
    @InjectRepository(MatchReplay) private readonly replays: Repository<MatchReplay>,
  ) {}

  /** Seals and writes a match's replay, in the transaction that stores how it ended. */
  async store(
    manager: EntityManager,
    match: Pick<Match, 'id' | 'seed'>,
    tape: MatchTape,
    final: Omit<ReplayFinal, 'tick'>,
  ): Promise<void> {
    const inputs = tape.inputs as TapeInput[];
    const { hash } = sealReplay({
      matchId: match.id,
      engine: tape.engine,
      config: tape.config,
      seed: match.seed,
      inputs,
      final: { tick: tape.finalTick, ...final },
    });
    await manager.getRepository(MatchReplay).insert({
      matchId: match.id,
      engine: tape.engine,
      config: JSON.stringify(tape.config),
      inputs: encodeTape(inputs),
      finalTick: tape.finalTick,
      hash,
    });
  }

  /** The replay hash of each of these matches that has one (the ledger's `replayHash`). */
  async hashes(manager: EntityManager, matchIds: string[]): Promise<Map<string, string>> {
    if (matchIds.length === 0) return new Map();
    const rows = await manager.getRepository(MatchReplay).find({
      where: { matchId: In(matchIds) },
      select: { matchId: true, hash: true },
    });
    return new Map(rows.map((row) => [row.matchId, row.hash]));
  }

  /** The stored replay of a match that has ended. */
  async get(matchId: string): Promise<Replay> {
    const match = await this.matches.findOne({
      where: { id: matchId },
      relations: { players: true },
      select: {
        id: true,
        status: true,
        seed: true,
        winnerSide: true,
        endReason: true,
        players: { id: true, side: true, score: true },
      },
    });
    if (!match) throw new NotFoundError('Match not found');
    if (LIVE.has(match.status)) {
      throw new ConflictError('The match is still live: its replay is stored when it ends');
    }
    const row = await this.replays.findOneBy({ matchId });
    if (!row) throw new NotFoundError(noReplayMessage(match.status));
    const score = { left: 0, right: 0 };
    for (const player of match.players ?? []) score[player.side] = player.score;
    return {
      matchId: match.id,
      engine: row.engine,
      config: JSON.parse(row.config) as GameConfig,
      seed: match.seed,
      inputs: decodeTape(row.inputs),
      final: {
        tick: row.finalTick,
        score,
        winnerSide: match.winnerSide,
        endReason: match.endReason,
      },
      hash: row.hash,
    };
  }

  /** Re-simulates a stored replay and compares it with the stored result. */
  async verifyStored(matchId: string): Promise<ReplayVerdict> {
    return this.verify(await this.get(matchId));
  }

  /**
   * Verifies any value as a replay: a ValidationError (400) if it is not one by its schema, a
   * verdict otherwise. Refusals that need no simulation (other rules, a stale hash, out of
   * bounds) answer at once.
   */
  async verify(value: unknown): Promise<ReplayVerdict> {
    const check = checkReplay(value);
    switch (check.kind) {
      case 'malformed':
        throw new ValidationError('Not a replay', check.problems);
      case 'refused':
        return check.verdict;
      case 'simulate':
        if (this.resimulations.waiting >= VERIFICATIONS_WAITING) {
          throw new UnavailableError('Too many replays are being verified; try again shortly', 5);
        }
        return this.resimulations.run(() => resimulate(check.verification));
    }
  }
}

/** Runs a verification a slice at a time, yielding to the event loop between slices. */
export async function resimulate(verification: ReplayVerification): Promise<ReplayVerdict> {
  for (let slice = nextSlice(0); ; slice = nextSlice(slice)) {
    const verdict = verification.run(slice);
    if (verdict) return verdict;
    await yieldToLoop();
  }
}

function noReplayMessage(status: Match['status']): string {
  if (status === 'interrupted') {
    return 'This match has no replay: it was interrupted by a server crash, and its inputs were lost with the server (a graceful stop keeps them)';
  }
  if (status === 'cancelled')
    return 'This match has no replay: it was cancelled before it was played';
  return 'This match has no replay: it ended before replays were recorded';
}
