/**
 * Turns chat rows into what clients see (MessageDto, ConversationDto), reading the profiles and
 * last messages a page needs in a few bounded queries.
 */
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Not, Repository } from 'typeorm';
import { BlocksService } from '../social/blocks.service';
import type { PublicProfileDto } from '../users/dto/profile.dto';
import { UsersService } from '../users/users.service';
import type { ConversationDto, MessageDto } from './dto/chat.dto';
import { ChatMember } from './entities/chat-member.entity';
import { ChatMessage } from './entities/chat-message.entity';
import { Conversation } from './entities/conversation.entity';

@Injectable()
export class ChatViews {
  constructor(
    @InjectRepository(ChatMember) private readonly members: Repository<ChatMember>,
    @InjectRepository(ChatMessage) private readonly messageRows: Repository<ChatMessage>,
    private readonly users: UsersService,
    private readonly blocks: BlocksService,
  ) {}

  /** Public profiles of these users (erased ones too: their messages stay), by id. */
  async profiles(ids: Iterable<string | null>): Promise<Map<string, PublicProfileDto>> {
    const unique = [...new Set([...ids].filter((id): id is string => id !== null))];
    const users = await this.users.findByIds(unique);
    return new Map(users.map((user) => [user.id, this.users.publicProfile(user)]));
  }

  async messages(rows: ChatMessage[]): Promise<MessageDto[]> {
    const profiles = await this.profiles(rows.map((row) => row.senderId));
    return rows.map((row) => message(row, profiles));
  }

  async message(row: ChatMessage): Promise<MessageDto> {
    return (await this.messages([row]))[0];
  }

  /**
   * The caller's view of each membership: peers of direct conversations, last messages (the
   * last one the caller may see), counts. `rows` are the caller's memberships, in list order.
   */
  async conversations(
    me: string,
    rows: ChatMember[],
    conversations: Conversation[],
  ): Promise<ConversationDto[]> {
    if (rows.length === 0) return [];
    const byId = new Map(conversations.map((c) => [c.id, c]));
    const directIds = conversations.filter((c) => c.kind === 'direct').map((c) => c.id);
    const peers =
      directIds.length === 0
        ? []
        : await this.members.find({
            where: { conversationId: In(directIds), userId: Not(me) },
            select: { conversationId: true, userId: true },
          });
    const peerOf = new Map(peers.map((peer) => [peer.conversationId, peer.userId]));
    const lastIds = conversations
      .map((c) => c.lastMessageId)
      .filter((id): id is string => id !== null);
    const lasts = lastIds.length === 0 ? [] : await this.messageRows.findBy({ id: In(lastIds) });
    const lastOf = new Map(lasts.map((last) => [last.conversationId, last]));
    // A last message the caller may not see (its sender is blocked) gives way to the latest
    // visible one.
    for (const [conversationId, last] of lastOf) {
      if (!last.senderId || last.senderId === me) continue;
      const direct = byId.get(conversationId)?.kind === 'direct';
      const hidden = direct
        ? await this.blocks.isBlockedEitherWay(me, last.senderId)
        : await this.blocks.hasBlocked(me, last.senderId);
      if (!hidden) continue;
      const visible = await this.visibleHistory(me, conversationId, direct, null, 1);
      if (visible[0]) lastOf.set(conversationId, visible[0]);
      else lastOf.delete(conversationId);
    }
    const profiles = await this.profiles([
      ...peerOf.values(),
      ...[...lastOf.values()].map((last) => last.senderId),
    ]);
    return rows.flatMap((row) => {
      const conversation = byId.get(row.conversationId);
      if (!conversation) return [];
      const peerId = peerOf.get(conversation.id);
      const last = lastOf.get(conversation.id);
      return [
        {
          id: conversation.id,
          kind: conversation.kind,
          name: conversation.name,
          visibility: conversation.visibility,
          peer: peerId ? (profiles.get(peerId) ?? null) : null,
          role: row.role,
          members: conversation.memberCount,
          lastMessage: last ? message(last, profiles) : null,
          unread: row.unread,
          createdAt: conversation.createdAt.toISOString(),
        },
      ];
    });
  }

  /**
   * A page of history as `me` may see it, newest first, `take` rows older than `beforeSeq`.
   * In a direct conversation with a block either way only the caller's own (and system)
   * messages show; in a channel, messages from senders the caller blocked are left out.
   */
  visibleHistory(
    me: string,
    conversationId: string,
    hidePeer: boolean,
    beforeSeq: number | null,
    take: number,
  ): Promise<ChatMessage[]> {
    const query = this.messageRows
      .createQueryBuilder('m')
      .where('m.conversationId = :conversationId', { conversationId })
      .orderBy('m.seq', 'DESC')
      .limit(take);
    if (beforeSeq !== null) query.andWhere('m.seq < :beforeSeq', { beforeSeq });
    if (hidePeer) {
      query.andWhere('(m.senderId IS NULL OR m.senderId = :me)', { me });
    } else {
      query.andWhere(
        'NOT EXISTS (SELECT 1 FROM "blocks" "b" WHERE "b"."blockerId" = :me AND "b"."blockedId" = m.senderId)',
        { me },
      );
    }
    return query.getMany();
  }
}

export function message(row: ChatMessage, profiles: Map<string, PublicProfileDto>): MessageDto {
  return {
    id: row.id,
    conversationId: row.conversationId,
    sender: row.senderId ? (profiles.get(row.senderId) ?? null) : null,
    kind: row.kind,
    body: row.body,
    challengeId: row.challengeId,
    createdAt: row.createdAt.toISOString(),
  };
}
