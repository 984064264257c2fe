import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { User } from '../../users/entities/user.entity';
import type { Match, Side } from './match.entity';

/** One side of a match: a user (or, for local and AI matches, only an alias), its score and rating change. */
@Entity('match_players')
@Unique(['matchId', 'side'])
// A player's history, newest first, is one range of this index (see matches.service.ts).
@Index('IDX_match_players_history', ['userId', 'matchCreatedAt', 'matchId'])
export class MatchPlayer {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  matchId!: string;

  @ManyToOne('Match', 'players', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'matchId' })
  match?: Match;

  @Column({ type: 'varchar', length: 8 })
  side!: Side;

  @Column({ type: 'varchar', length: 36, nullable: true })
  userId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'userId' })
  user?: User | null;

  @Column({ type: 'varchar', length: 32 })
  alias!: string;

  /** The match's `createdAt`, copied so a history is ordered without reading the matches. */
  @Column()
  matchCreatedAt!: Date;

  @Column({ type: 'integer', default: 0 })
  score!: number;

  @Column({ type: 'integer', nullable: true })
  ratingBefore!: number | null;

  @Column({ type: 'integer', nullable: true })
  ratingAfter!: number | null;
}
