import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A user who may not join a channel again until `until` (forever when null). */
@Entity('chat_bans')
export class ChatBan {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  conversationId!: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId!: string;

  @Column({ nullable: true, type: Date })
  until!: Date | null;

  @Column()
  createdAt!: Date;
}
