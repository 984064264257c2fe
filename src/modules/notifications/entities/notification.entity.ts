import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type NotificationKind =
  | 'friend_request'
  | 'friend_accepted'
  | 'challenge'
  | 'tournament_match'
  | 'tournament_finished'
  | 'chat_invite';

export const NOTIFICATION_KINDS: readonly NotificationKind[] = [
  'friend_request',
  'friend_accepted',
  'challenge',
  'tournament_match',
  'tournament_finished',
  'chat_invite',
];

/** One entry of a user's inbox. */
@Entity('notifications')
// The inbox newest first, all or unread only: each page is one range of one of these.
@Index('IDX_notifications_inbox', ['userId', 'createdAt', 'id'])
@Index('IDX_notifications_unread', ['userId', 'readAt', 'createdAt', 'id'])
export class Notification {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  userId!: string;

  @Column({ type: 'varchar', length: 24 })
  kind!: NotificationKind;

  @Column({ type: 'simple-json' })
  data!: Record<string, unknown>;

  @Column()
  createdAt!: Date;

  @Column({ nullable: true, type: Date })
  readAt!: Date | null;
}
