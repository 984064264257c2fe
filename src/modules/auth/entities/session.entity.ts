import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../../users/entities/user.entity';

/**
 * One login. Its `id` is the JWT `sid`, checked on every request, so revoking the session
 * (logout, refresh-token theft, account erasure) stops its access tokens at once. It is also
 * the refresh-token family: every token rotated from this login belongs to it.
 */
// A user's logins, oldest first (the export lists them).
@Entity('sessions')
@Index('IDX_sessions_user', ['userId', 'createdAt'])
export class Session {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  @Column()
  createdAt!: Date;

  @Column()
  lastUsedAt!: Date;

  /** The refresh horizon: moves forward on each rotation. */
  @Column()
  expiresAt!: Date;

  @Column({ nullable: true, type: Date })
  revokedAt!: Date | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  revokedReason!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  userAgent!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;
}
