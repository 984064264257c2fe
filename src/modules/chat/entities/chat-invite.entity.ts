import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An invitation to a channel: lets its user join a `private` channel (spent on joining). */
@Entity('chat_invites')
export class ChatInvite {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  conversationId!: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId!: string;

  @Column()
  createdAt!: Date;
}
