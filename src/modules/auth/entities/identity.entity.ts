import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../../users/entities/user.entity';

/**
 * A sign-in provider's account, linked to one Arena account: `(provider, subject)` is the
 * provider's own stable id for the person (the OIDC `sub`, 42's user id), never an email. An
 * account holds at most one identity per provider.
 */
@Entity('identities')
@Index('IDX_identities_subject', ['provider', 'subject'], { unique: true })
@Index('IDX_identities_user', ['userId', 'provider'], { unique: true })
export class Identity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  /** The provider's id in OAUTH_PROVIDERS (`42`, `google`). */
  @Column({ type: 'varchar', length: 32 })
  provider!: string;

  @Column({ type: 'varchar', length: 255 })
  subject!: string;

  /** The email the provider gave when it was linked, for its owner to recognise it. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column()
  linkedAt!: Date;
}
