import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type MessageKind = 'text' | 'invite' | 'system';

/** What erased accounts' messages read afterwards. */
export const DELETED_BODY = '[deleted]';

@Entity('chat_messages')
// History, newest first, keyset by `seq`.
@Index('IDX_chat_messages_history', ['conversationId', 'seq'], { unique: true })
// A sender's own messages (export, erasure), in id order.
@Index('IDX_chat_messages_sender', ['senderId', 'id'])
export class ChatMessage {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  conversationId!: string;

  @Column({ type: 'integer' })
  seq!: number;

  /** null for `system` messages. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  senderId!: string | null;

  @Column({ type: 'varchar', length: 8 })
  kind!: MessageKind;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  challengeId!: string | null;

  @Column()
  createdAt!: Date;
}
