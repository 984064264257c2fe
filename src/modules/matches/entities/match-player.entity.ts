import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { User } from '../../users/entities/user.entity';
import type { Match, Side } from './match.entity';

/** One side of a match: a user (or, for local and AI matches, only an alias), its score and rating change. */
@Entity('match_players')
@Unique(['matchId', 'side'])
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

  @Index()
  @Column({ type: 'varchar', length: 36, nullable: true })
  userId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'userId' })
  user?: User | null;

  @Column({ type: 'varchar', length: 32 })
  alias!: string;

  @Column({ type: 'integer', default: 0 })
  score!: number;

  @Column({ type: 'integer', nullable: true })
  ratingBefore!: number | null;

  @Column({ type: 'integer', nullable: true })
  ratingAfter!: number | null;
}
