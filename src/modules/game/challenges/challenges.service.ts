/**
 * Private challenges between two players, from any node to any node: sent to someone online
 * (on whichever node), accepted into a private match, declined or withdrawn, and expired after
 * CHALLENGE_TTL_MS by whichever node's loop sees the time pass first (the store hands each
 * challenge to one taker only).
 */
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../../common/clock/clock';
import {
  BlockedError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../../common/errors';
import { CHALLENGE_SENT, ChallengeSent } from '../../../common/events/game.events';
import { UserNotifier } from '../../../common/realtime/user-notifier';
import type { ArenaConfig } from '../../../config';
import { BlocksService } from '../../social/blocks.service';
import { PresenceService } from '../../social/presence.service';
import { UsersService } from '../../users/users.service';
import { MatchHost } from '../host/match-host';
import { MatchDirectory } from '../live/match-directory';
import { Matchmaking } from '../matchmaking/matchmaking.service';
import { Challenge, ChallengeStore } from './challenge-store';

/** Expired challenges are looked for this often (game time). */
const SWEEP_EVERY_MS = 250;

@Injectable()
export class ChallengesService implements OnModuleInit {
  private readonly logger = new Logger(ChallengesService.name);
  private readonly ttlMs: number;
  private nextSweep = 0;

  constructor(
    private readonly store: ChallengeStore,
    private readonly clock: Clock,
    private readonly users: UsersService,
    private readonly blocks: BlocksService,
    private readonly presence: PresenceService,
    private readonly notifier: UserNotifier,
    private readonly directory: MatchDirectory,
    private readonly matchmaking: Matchmaking,
    private readonly host: MatchHost,
    /** Other modules hear of challenges through domain events (the inbox). */
    private readonly events: EventEmitter2,
    config: ConfigService<ArenaConfig, true>,
  ) {
    this.ttlMs = config.get('game', { infer: true }).challengeTtlMs;
  }

  onModuleInit(): void {
    // Timed by the loop's clock, so tests step expiry with the match clock.
    this.host.onTick((now) => this.sweep(now));
  }

  /** Challenges a player to a private match; refused across a block either way. */
  async send(fromId: string, toId: string): Promise<Challenge> {
    if (fromId === toId) throw new ValidationError('You cannot challenge yourself');
    await this.assertFree(fromId);
    const [from] = await Promise.all([this.users.getActive(fromId), this.users.getActive(toId)]);
    if (await this.blocks.isBlockedEitherWay(fromId, toId))
      throw new BlockedError('One of you has blocked the other');
    if (this.presence.statusOf(toId) === 'offline') {
      throw new ConflictError('That player is not online');
    }
    const challenge: Challenge = {
      id: randomUUID(),
      fromId,
      toId,
      expiresAt: this.clock.now() + this.ttlMs,
    };
    if (!(await this.store.add(challenge))) {
      throw new ConflictError('A challenge between you is already pending');
    }
    this.events.emit(CHALLENGE_SENT, ChallengeSent.of(challenge));
    this.notifier.toUsers([toId], 'challenge:received', {
      challengeId: challenge.id,
      from: this.users.publicProfile(from),
      expiresAt: challenge.expiresAt,
    });
    return challenge;
  }

  /** The challenged player accepts: the challenge is taken, and the caller starts the match. */
  async accept(userId: string, challengeId: string): Promise<Challenge> {
    const challenge = await this.pending(userId, challengeId);
    if (challenge.toId !== userId) {
      throw new ForbiddenError('Only the challenged player can accept');
    }
    await this.assertFree(challenge.toId);
    if (
      (await this.directory.matchOf(challenge.fromId)) ||
      (await this.matchmaking.has(challenge.fromId))
    ) {
      throw new ConflictError('The challenger is busy');
    }
    if (await this.blocks.isBlockedEitherWay(challenge.fromId, challenge.toId)) {
      await this.store.take(challenge.id);
      throw new BlockedError('One of you has blocked the other');
    }
    if (!(await this.store.take(challenge.id))) throw new NotFoundError('Challenge not found');
    return challenge;
  }

  /** The challenged player declines, or the challenger withdraws. */
  async decline(userId: string, challengeId: string): Promise<void> {
    const challenge = await this.pending(userId, challengeId);
    if (!(await this.store.take(challenge.id))) throw new NotFoundError('Challenge not found');
    this.tellDeclined(challenge);
  }

  /** Erasure: the account's pending challenges end, both sides told. */
  async dropInvolving(userId: string): Promise<void> {
    for (const challenge of await this.store.takeInvolving(userId)) this.tellDeclined(challenge);
  }

  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + SWEEP_EVERY_MS;
    // Sweeps may overlap (the store hands each challenge to one of them).
    this.store
      .takeExpired(now)
      .then((expired) => {
        for (const challenge of expired) {
          this.notifier.toUsers([challenge.fromId, challenge.toId], 'challenge:expired', {
            challengeId: challenge.id,
          });
        }
      })
      .catch((error: unknown) => this.logger.warn(`Challenges not expired: ${String(error)}`));
  }

  private tellDeclined(challenge: Challenge): void {
    this.notifier.toUsers([challenge.fromId, challenge.toId], 'challenge:declined', {
      challengeId: challenge.id,
    });
  }

  private async pending(userId: string, challengeId: string): Promise<Challenge> {
    const challenge = await this.store.get(challengeId);
    if (!challenge || (challenge.fromId !== userId && challenge.toId !== userId)) {
      throw new NotFoundError('Challenge not found');
    }
    return challenge;
  }

  private assertFree(userId: string): Promise<void> {
    return this.matchmaking.assertFree(userId);
  }
}
