import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type MemberRole = 'owner' | 'admin' | 'member';

/** A user in a conversation: role, read position, unread counter, mute. */
@Entity('chat_members')
// A user's conversations, most recent activity first.
@Index('IDX_chat_members_activity', ['userId', 'lastActivityAt'])
// A conversation's members, oldest first (ownership passes to the oldest admin, else member).
@Index('IDX_chat_members_seniority', ['conversationId', 'joinedAt'])
export class ChatMember {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  conversationId!: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId!: string;

  @Column({ type: 'varchar', length: 8 })
  role!: MemberRole;

  @Column()
  joinedAt!: Date;

  /** The conversation's last activity, copied here so a user's list is one index range. */
  @Column()
  lastActivityAt!: Date;

  /** `seq` of the last message read (0: none). */
  @Column({ type: 'integer', default: 0 })
  lastReadSeq!: number;

  /** Messages from others after `lastReadSeq`, kept as they arrive (capped when recounted). */
  @Column({ type: 'integer', default: 0 })
  unread!: number;

  @Column({ nullable: true, type: Date })
  mutedUntil!: Date | null;
}
