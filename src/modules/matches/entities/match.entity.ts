import { Column, Entity, Index, OneToMany, PrimaryColumn } from 'typeorm';
import { MatchPlayer } from './match-player.entity';

export type MatchMode = 'ranked' | 'casual' | 'private' | 'local' | 'ai' | 'tournament';
export type MatchStatus = 'waiting' | 'in_progress' | 'finished' | 'interrupted' | 'cancelled';
export type Side = 'left' | 'right';
export type EndReason = 'score' | 'forfeit' | 'timeout';

export const MATCH_MODES: readonly MatchMode[] = [
  'ranked',
  'casual',
  'private',
  'local',
  'ai',
  'tournament',
];
export const MATCH_STATUSES: readonly MatchStatus[] = [
  'waiting',
  'in_progress',
  'finished',
  'interrupted',
  'cancelled',
];

/** One game of Pong, stored when it is found and completed in one transaction when it ends. */
@Entity('matches')
// Lists newest first, all or by status: each page is one range of an index in its ORDER BY.
@Index('IDX_matches_status_list', ['status', 'createdAt', 'id'])
@Index('IDX_matches_list', ['createdAt', 'id'])
export class Match {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  mode!: MatchMode;

  @Column({ type: 'varchar', length: 16 })
  status!: MatchStatus;

  @Column({ type: 'varchar', length: 8, nullable: true })
  winnerSide!: Side | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  endReason!: EndReason | null;

  @Index()
  @Column({ type: 'varchar', length: 36, nullable: true })
  tournamentId!: string | null;

  /** The serve RNG's seed: with the inputs it replays the match exactly. */
  @Column({ type: 'integer' })
  seed!: number;

  @Column({ nullable: true, type: Date })
  startedAt!: Date | null;

  @Column({ nullable: true, type: Date })
  endedAt!: Date | null;

  @Column()
  createdAt!: Date;

  /** The node running the match while it is live (NODE_ID); kept once it ends. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  hostNode!: string | null;

  @OneToMany(() => MatchPlayer, (player) => player.match)
  players?: MatchPlayer[];
}
