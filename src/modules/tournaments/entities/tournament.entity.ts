import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryColumn } from 'typeorm';
import { User } from '../../users/entities/user.entity';
import type { Bracket } from '../bracket';
import { TournamentParticipant } from './tournament-participant.entity';

export type TournamentKind = 'online' | 'local';
export type TournamentStatus = 'registering' | 'in_progress' | 'finished' | 'cancelled';
export const TOURNAMENT_STATUSES: readonly TournamentStatus[] = [
  'registering',
  'in_progress',
  'finished',
  'cancelled',
];

/**
 * A single-elimination tournament. Its bracket (who meets whom, the match offered for each
 * slot, results) is stored whole with it, so a restarted server carries on where it stopped.
 */
@Entity('tournaments')
// Lists newest first, all or by status: each page is one range of an index in its ORDER BY.
@Index('IDX_tournaments_status_list', ['status', 'createdAt', 'id'])
@Index('IDX_tournaments_list', ['createdAt', 'id'])
export class Tournament {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: TournamentKind;

  /** Seats: 4, 8 or 16 online; the number of aliases in a local tournament. */
  @Column({ type: 'integer' })
  size!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: TournamentStatus;

  @Index()
  @Column({ type: 'varchar', length: 36 })
  creatorId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'creatorId' })
  creator?: User;

  /** The bracket as JSON, from the start on. */
  @Column({ type: 'simple-json', nullable: true })
  bracket!: Bracket | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  winnerParticipantId!: string | null;

  @Column()
  createdAt!: Date;

  @Column({ nullable: true, type: Date })
  startedAt!: Date | null;

  @Column({ nullable: true, type: Date })
  endedAt!: Date | null;

  @OneToMany(() => TournamentParticipant, (participant) => participant.tournament)
  participants?: TournamentParticipant[];
}
