import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../../users/entities/user.entity';

/**
 * An API key of a bot or a tool. The key itself is shown once; only its SHA-256 is stored (a key
 * holds 256 random bits, so a fast hash is enough: nobody can search that space). Revoking a key
 * deletes its row.
 */
@Entity('api_keys')
@Index('IDX_api_keys_user', ['userId', 'createdAt'])
export class ApiKey {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  keyHash!: string;

  /** Comma-separated scopes, in a fixed order (`read,play`). */
  @Column({ type: 'varchar', length: 32 })
  scopes!: string;

  @Column()
  createdAt!: Date;

  @Column({ nullable: true, type: Date })
  expiresAt!: Date | null;

  /** Moved forward at most once a minute: a busy bot doesn't write on every request. */
  @Column({ nullable: true, type: Date })
  lastUsedAt!: Date | null;
}
