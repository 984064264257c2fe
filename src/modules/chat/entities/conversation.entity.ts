import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type ConversationKind = 'direct' | 'channel';
export type ChannelVisibility = 'public' | 'private' | 'protected';
export const CHANNEL_VISIBILITIES: readonly ChannelVisibility[] = [
  'public',
  'private',
  'protected',
];

/**
 * A direct conversation (two people, or a player and the Arena system) or a channel. Counters
 * kept here (`lastSeq`, `memberCount`) are what lists show, so no list counts rows.
 */
@Entity('chat_conversations')
// Channel names are unique case-insensitively (NULL for direct conversations).
@Index('IDX_chat_conversations_name', ['nameLower'], { unique: true })
// The public directory (public and protected channels) by name: `listedName` is `nameLower`
// for those and NULL otherwise, so a page is one range of this index.
@Index('IDX_chat_conversations_directory', ['listedName'])
// One direct conversation per pair (`<smaller id>:<larger id>`, or `system:<user id>`).
@Index('IDX_chat_conversations_direct', ['directKey'], { unique: true })
export class Conversation {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: ConversationKind;

  @Column({ type: 'varchar', length: 32, nullable: true })
  name!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  nameLower!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  listedName!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  visibility!: ChannelVisibility | null;

  /** argon2id, for `protected` channels only. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'varchar', length: 80, nullable: true })
  directKey!: string | null;

  /** The sequence number of the last message (messages are numbered 1, 2, … per conversation). */
  @Column({ type: 'integer', default: 0 })
  lastSeq!: number;

  @Column({ type: 'varchar', length: 36, nullable: true })
  lastMessageId!: string | null;

  @Column({ type: 'integer', default: 0 })
  memberCount!: number;

  @Column()
  createdAt!: Date;
}
