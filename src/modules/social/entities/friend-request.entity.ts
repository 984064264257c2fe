import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { User } from '../../users/entities/user.entity';

/** A pending friend request; accepting or declining it deletes it. */
@Entity('friend_requests')
@Unique(['fromUserId', 'toUserId'])
export class FriendRequest {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  fromUserId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'fromUserId' })
  from?: User;

  @Index()
  @Column({ type: 'varchar', length: 36 })
  toUserId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'toUserId' })
  to?: User;

  @Column()
  createdAt!: Date;
}
