/**
 * The tamper-evident record of tournament results: one entry per finished tournament, each
 * hash-chained to the one before. Entries are appended inside the transaction that finishes the
 * tournament, one at a time, so the chain never forks and no result is left out. With an EVM
 * anchor configured, each new hash is then recorded on chain in the background, retried until
 * it succeeds; nothing waits for it.
 */
import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { canonicalJson } from '@arena/engine';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { EntityManager, IsNull, MoreThan, Repository } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { NotFoundError } from '../../common/errors';
import { LedgerAnchor, LedgerAnchorError } from './anchor';
import { retryUntilDone } from './anchor/retry';
import { LedgerEntryDto, LedgerVerdictDto } from './dto/ledger.dto';
import { LedgerEntry } from './entities/ledger-entry.entity';
import { ChainVerifier, GENESIS_PREV_HASH, linkHash } from './hash-chain';

/** Waits between attempts to anchor one entry: 1 s doubling to 5 minutes, then every 5 minutes. */
export const ANCHOR_RETRY_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 300_000];
/** Entries read and checked between two turns of the event loop. */
const VERIFY_CHUNK = 200;
/** Any fixed number: PostgreSQL serialises appends with this transaction-scoped advisory lock. */
const APPEND_LOCK = 0x4c454447;

@Injectable()
export class LedgerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(LedgerService.name);
  private stopped = false;
  /** Waits between anchor attempts; shutdown ends them at once. */
  private readonly waits = new Map<NodeJS.Timeout, () => void>();
  /** Anchors in flight, by entry index (so one entry is never sent twice at once). */
  private readonly anchoring = new Map<number, Promise<unknown>>();

  constructor(
    @InjectRepository(LedgerEntry) private readonly entries: Repository<LedgerEntry>,
    private readonly anchor: LedgerAnchor,
    private readonly clock: Clock,
  ) {}

  /** Entries a previous run stored but could not anchor are anchored now. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.anchor.enabled) return;
    const waiting = await this.entries.find({
      where: { anchor: IsNull() },
      order: { index: 'ASC' },
    });
    for (const entry of waiting) this.anchorInBackground(entry);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const [timer, wake] of this.waits) {
      clearTimeout(timer);
      wake();
    }
    this.waits.clear();
    await Promise.allSettled([...this.anchoring.values()]);
  }

  /**
   * Appends an entry inside the caller's transaction. On SQLite transactions already run one at a
   * time; on PostgreSQL an advisory lock makes concurrent appends wait for each other.
   */
  async append(
    manager: EntityManager,
    tournamentId: string,
    payload: object,
  ): Promise<LedgerEntry> {
    if (manager.connection.options.type === 'postgres') {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK]);
    }
    const repo = manager.getRepository(LedgerEntry);
    const [last] = await repo.find({ order: { index: 'DESC' }, take: 1 });
    const link = {
      index: last ? last.index + 1 : 0,
      prevHash: last ? last.hash : GENESIS_PREV_HASH,
      payload: canonicalJson(payload),
      createdAt: this.clock.date().toISOString(),
    };
    const entry = repo.create({
      ...link,
      hash: linkHash(link),
      tournamentId,
      createdAt: new Date(link.createdAt),
      anchor: null,
    });
    await repo.insert(entry);
    return entry;
  }

  /** Records the entry's hash on chain when an anchor is configured; never throws, never waits. */
  anchorInBackground(entry: LedgerEntry): void {
    if (!this.anchor.enabled || this.stopped || this.anchoring.has(entry.index)) return;
    const work = retryUntilDone(() => this.anchor.anchor(entry.tournamentId, entry.hash), {
      delaysMs: ANCHOR_RETRY_DELAYS_MS,
      sleep: (ms) => this.sleep(ms),
      stopped: () => this.stopped,
      retryable: (error) => !(error instanceof LedgerAnchorError) || error.retryable,
      onFailure: (error, attempt) =>
        this.logger.warn(
          `Ledger entry ${entry.index} not anchored yet (attempt ${attempt}): ${error instanceof Error ? error.message : String(error)}`,
        ),
    })
      .then(async (receipt) => {
        if (!receipt) return;
        await this.entries.update({ index: entry.index }, { anchor: receipt });
        this.logger.log(
          `Ledger entry ${entry.index} anchored on ${receipt.chain} in ${receipt.txHash}`,
        );
      })
      .catch((error: unknown) => {
        this.logger.error(`Anchor of ledger entry ${entry.index} not stored: ${String(error)}`);
      })
      .finally(() => this.anchoring.delete(entry.index));
    this.anchoring.set(entry.index, work);
  }

  async forTournament(tournamentId: string): Promise<LedgerEntryDto> {
    const entry = await this.entries.findOneBy({ tournamentId });
    if (!entry) throw new NotFoundError('No ledger entry for this tournament (is it finished?)');
    return {
      index: entry.index,
      hash: entry.hash,
      prevHash: entry.prevHash,
      payload: JSON.parse(entry.payload) as Record<string, unknown>,
      createdAt: entry.createdAt.toISOString(),
      anchor: entry.anchor,
    };
  }

  /** Recomputes the whole chain from the stored rows. */
  /**
   * Recomputes the whole chain, a chunk of entries at a time along the primary key, yielding to
   * the event loop between chunks: a long ledger never holds a live match's tick.
   */
  async verify(): Promise<LedgerVerdictDto> {
    const verifier = new ChainVerifier();
    let after = -1;
    let length = 0;
    for (;;) {
      const rows = await this.entries.find({
        where: { index: MoreThan(after) },
        order: { index: 'ASC' },
        take: VERIFY_CHUNK,
      });
      for (const row of rows) {
        length++;
        const holds = verifier.push({
          index: row.index,
          prevHash: row.prevHash,
          hash: row.hash,
          payload: row.payload,
          createdAt: row.createdAt.toISOString(),
        });
        if (!holds) return verifier.verdict(await this.entries.count());
      }
      if (rows.length < VERIFY_CHUNK) return verifier.verdict(length);
      after = rows[rows.length - 1].index;
      await yieldToLoop();
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waits.delete(timer);
        resolve();
      }, ms);
      timer.unref();
      this.waits.set(timer, resolve);
    });
  }
}
