import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { User } from '../../users/entities/user.entity';

/** A pending friend request; accepting or declining it deletes it. */
@Entity('friend_requests')
@Unique(['fromUserId', 'toUserId'])
// Incoming and outgoing requests, each read in the order they were sent.
@Index('IDX_friend_requests_incoming', ['toUserId', 'createdAt'])
@Index('IDX_friend_requests_outgoing', ['fromUserId', 'createdAt'])
export class FriendRequest {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  fromUserId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'fromUserId' })
  from?: User;

  @Column({ type: 'varchar', length: 36 })
  toUserId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'toUserId' })
  to?: User;

  @Column()
  createdAt!: Date;
}
