import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../../users/entities/user.entity';

/**
 * The second step of a login with 2FA: a short-lived token (stored as SHA-256) that a valid TOTP
 * code turns into a session. Wrong codes count against it; a success deletes it.
 */
@Entity('two_factor_challenges')
export class TwoFactorChallenge {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index()
  @Column({ type: 'varchar', length: 36 })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  @Column({ type: 'varchar', length: 64, unique: true })
  tokenHash!: string;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column()
  expiresAt!: Date;

  @Column()
  createdAt!: Date;
}
