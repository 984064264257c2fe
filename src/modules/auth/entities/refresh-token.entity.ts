import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Session } from './session.entity';

/** A refresh token, stored only as its SHA-256; spent when rotated. */
@Entity('refresh_tokens')
export class RefreshToken {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index()
  @Column({ type: 'varchar', length: 36 })
  sessionId!: string;

  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sessionId' })
  session?: Session;

  @Column({ type: 'varchar', length: 64, unique: true })
  tokenHash!: string;

  @Column()
  createdAt!: Date;

  @Column()
  expiresAt!: Date;

  @Column({ nullable: true, type: Date })
  spentAt!: Date | null;
}
