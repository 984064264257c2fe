/**
 * The ranked and casual queues of the whole cluster: joining and leaving from any node, and the
 * matchmaking rounds that pair players (the pairing policy is pairing.ts). One round runs at a
 * time in the cluster, under the cluster lock, on a node that runs matches; each pair is taken
 * out of the queue in one step before its match is launched, so nobody is paired twice.
 */
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ClusterLock } from '../../../cluster/cluster-lock';
import { ClusterNodes } from '../../../cluster/cluster-nodes';
import { Clock } from '../../../common/clock/clock';
import { AlreadyInMatchError, AlreadyInQueueError } from '../../../common/errors';
import { UsersService } from '../../users/users.service';
import { MatchHost } from '../host/match-host';
import { MatchDirectory } from '../live/match-directory';
import { MatchLauncher } from '../live/match-launcher';
import { pairPlayers } from './pairing';
import { QUEUE_MODES, QueueMode, QueueStore } from './queue-store';

/** The cluster lock a matchmaking round holds. */
export const MATCHMAKING_LOCK = 'game:matchmaking';
/** Ranked windows widen with time, so the queues are looked at again this often. */
const ROUND_EVERY_MS = 1000;

@Injectable()
export class Matchmaking implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(Matchmaking.name);
  /** Queue lengths seen by the last round here (metrics). */
  readonly lengths: Record<QueueMode, number> = { ranked: 0, casual: 0 };
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly queue: QueueStore,
    private readonly directory: MatchDirectory,
    private readonly users: UsersService,
    private readonly clock: Clock,
    private readonly lock: ClusterLock,
    private readonly nodes: ClusterNodes,
    private readonly host: MatchHost,
    private readonly launcher: MatchLauncher,
  ) {}

  onModuleInit(): void {
    if (this.nodes.self.role === 'api') return;
    this.timer = setInterval(() => void this.round(), ROUND_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async join(userId: string, mode: QueueMode): Promise<void> {
    await this.assertFree(userId);
    const user = await this.users.getActive(userId);
    await this.assertFree(userId);
    const joined = await this.queue.join(mode, {
      userId,
      rating: user.rating,
      joinedAt: this.clock.now(),
    });
    if (!joined) throw new AlreadyInQueueError('You are already in a queue');
    void this.round();
  }

  /** Leaves whichever queue the user is in; false if it was in none. */
  leave(userId: string): Promise<boolean> {
    return this.queue.leave(userId);
  }

  has(userId: string): Promise<boolean> {
    return this.queue.has(userId);
  }

  /**
   * One round for the cluster, if this node runs matches and no round is running anywhere; a
   * round asked for while one runs here follows it.
   */
  round(): Promise<void> {
    if (this.nodes.self.role === 'api' || this.host.draining) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.lock.runExclusive(MATCHMAKING_LOCK, () => this.pairAll(), { ttlMs: 10_000 });
        } catch (error) {
          this.logger.warn(`Matchmaking round failed: ${String(error)}`);
        }
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async pairAll(): Promise<void> {
    const now = this.clock.now();
    for (const mode of QUEUE_MODES) {
      const entries = await this.queue.entries(mode);
      this.lengths[mode] = entries.length;
      const starts: Promise<unknown>[] = [];
      for (const [a, b] of pairPlayers(entries, mode, now).pairs) {
        if (!(await this.queue.takePair(mode, a.userId, b.userId))) continue;
        this.lengths[mode] -= 2;
        starts.push(
          this.startPaired(mode, a.userId, b.userId).catch((error: unknown) => {
            this.logger.error(`Could not start a ${mode} match: ${String(error)}`);
          }),
        );
      }
      await Promise.all(starts);
    }
  }

  /** A match between two users: each is told its side and its opponent. */
  async startPaired(
    mode: 'ranked' | 'casual' | 'private',
    leftId: string,
    rightId: string,
  ): Promise<string> {
    const [left, right] = await Promise.all([this.users.get(leftId), this.users.get(rightId)]);
    return this.launcher.launch(
      {
        mode,
        players: {
          left: { side: 'left', userId: left.id, alias: left.username, connected: true },
          right: { side: 'right', userId: right.id, alias: right.username, connected: true },
        },
        owner: null,
        tournament: null,
        ai: null,
      },
      [left.id, right.id],
    );
  }

  /** Refuses a user who plays a live match or waits in a queue. */
  async assertFree(userId: string): Promise<void> {
    if (await this.directory.matchOf(userId)) {
      throw new AlreadyInMatchError('You are already in a live match');
    }
    if (await this.queue.has(userId)) throw new AlreadyInQueueError('You are already in a queue');
  }
}
