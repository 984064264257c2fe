import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Match } from './match.entity';

/**
 * A match's replay, stored with its result in the same transaction: the rules version, the full
 * config and the tape (compact text, see @arena/engine's tape-codec). The seed and the result are
 * the match's own columns; `hash` seals the whole replay as API.md's `Replay` shows it. A match
 * interrupted by a crash has none: its tape was lost with the server. Read only by the replay
 * routes and the ledger, never by history or leaderboard pages.
 */
@Entity('match_replays')
export class MatchReplay {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  matchId!: string;

  @ManyToOne('Match', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'matchId' })
  match?: Match;

  /** The engine's RULES_VERSION when it was recorded. */
  @Column({ type: 'varchar', length: 64 })
  engine!: string;

  /** JSON text of the full GameConfig the match ran under. */
  @Column({ type: 'text' })
  config!: string;

  /** The tape: base64 of varints (encodeTape). */
  @Column({ type: 'text' })
  inputs!: string;

  /** The last step simulated. */
  @Column({ type: 'integer' })
  finalTick!: number;

  /** SHA-256 of the replay's canonical JSON, 64 lowercase hex digits. */
  @Column({ type: 'varchar', length: 64 })
  hash!: string;
}
