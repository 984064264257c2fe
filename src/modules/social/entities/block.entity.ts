import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../../users/entities/user.entity';

/** `blockerId` blocked `blockedId`: no requests, friendship or challenges either way. */
@Entity('blocks')
// A user's blocks in the order they were made.
@Index('IDX_blocks_list', ['blockerId', 'createdAt'])
export class Block {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  blockerId!: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  blockedId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'blockerId' })
  blocker?: User;

  @Index()
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'blockedId' })
  blocked?: User;

  @Column()
  createdAt!: Date;
}
