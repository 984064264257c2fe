import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { User } from '../../users/entities/user.entity';
import type { Tournament } from './tournament.entity';

/** A seat in a tournament: an account with its alias online, only an alias in a local one. */
@Entity('tournament_participants')
@Unique(['tournamentId', 'aliasLower'])
@Unique(['tournamentId', 'userId'])
export class TournamentParticipant {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  tournamentId!: string;

  @ManyToOne('Tournament', 'participants', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tournamentId' })
  tournament?: Tournament;

  @Index()
  @Column({ type: 'varchar', length: 36, nullable: true })
  userId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'userId' })
  user?: User | null;

  @Column({ type: 'varchar', length: 32 })
  alias!: string;

  /** `alias` lower-cased: aliases are unique within a tournament whatever their case. */
  @Column({ type: 'varchar', length: 32 })
  aliasLower!: string;

  /** 1 is the favourite; set when the tournament starts. */
  @Column({ type: 'integer', nullable: true })
  seed!: number | null;

  @Column()
  joinedAt!: Date;

  /**
   * The salt of this seat's commitment in the ledger (64 hex digits); deleted when the account
   * is erased, which leaves the ledger entry unlinkable to the person.
   */
  @Column({ type: 'varchar', length: 64, nullable: true })
  commitmentSalt!: string | null;
}
