/**
 * Messages: sending (text, game invites, the system's notices), history, read positions and
 * typing. Blocks hide everything: a member never receives, live or in history, a message from
 * someone they blocked, and nobody sends in a direct conversation across a block.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { ThrottlerStorage } from '@nestjs/throttler';
import { randomUUID } from 'node:crypto';
import { EntityManager, MoreThan, Repository } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import {
  BlockedError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  ValidationError,
} from '../../common/errors';
import {
  TOURNAMENT_MATCH_READY,
  TournamentMatchReady,
} from '../../common/events/tournament.events';
import type { ArenaConfig } from '../../config';
import { Transactor } from '../../database/transactor';
import { ChatNotifier } from '../../realtime/chat-notifier';
import { GameService } from '../game/game.service';
import { BlocksService } from '../social/blocks.service';
import { ChatViews } from './chat-views';
import { ChatService } from './chat.service';
import type { MessageDto, MessagePageDto, MessageRecordDto } from './dto/chat.dto';
import { ChatMember } from './entities/chat-member.entity';
import { ChatMessage, MessageKind } from './entities/chat-message.entity';
import { Conversation } from './entities/conversation.entity';
import { checkBody } from './message-body';
import { stillHolds } from './moderation.policy';
import { TypingGate } from './typing.gate';

/** Messages one user may send in SEND_WINDOW_MS, every node and conversation together. */
export const SEND_LIMIT = 20;
export const SEND_WINDOW_MS = 10_000;
/** Unread counts are recounted up to this (a list shows "1000" for more). */
export const UNREAD_CAP = 1000;

@Injectable()
export class MessagesService {
  private readonly logger = new Logger(MessagesService.name);
  private readonly rateLimit: boolean;

  constructor(
    @InjectRepository(Conversation) private readonly conversations: Repository<Conversation>,
    @InjectRepository(ChatMember) private readonly members: Repository<ChatMember>,
    @InjectRepository(ChatMessage) private readonly messages: Repository<ChatMessage>,
    @Inject(ThrottlerStorage) private readonly counters: ThrottlerStorage,
    private readonly chat: ChatService,
    private readonly views: ChatViews,
    private readonly blocks: BlocksService,
    private readonly game: GameService,
    private readonly typingGate: TypingGate,
    private readonly notifier: ChatNotifier,
    private readonly transactor: Transactor,
    private readonly clock: Clock,
    config: ConfigService<ArenaConfig, true>,
  ) {
    this.rateLimit = config.get('app', { infer: true }).rateLimit;
  }

  /** A text message from a member; refused (nothing stored) when muted or blocked. */
  async send(me: string, conversationId: string, rawBody: unknown): Promise<MessageDto> {
    const checked = checkBody(rawBody);
    if (!checked.ok) throw new ValidationError(checked.reason, [checked.reason]);
    const conversation = await this.mayPost(me, conversationId);
    await this.countSend(me);
    return this.post(conversation, me, 'text', checked.body, null);
  }

  /**
   * `chat:invite`: a private challenge to the peer of a direct conversation (the `/game`
   * challenge flow), and an `invite` message carrying its id.
   */
  async invite(me: string, conversationId: string): Promise<string> {
    const conversation = await this.mayPost(me, conversationId);
    if (conversation.kind !== 'direct') {
      throw new ValidationError('Game invites are for direct conversations');
    }
    const peer = await this.peerOf(conversationId, me);
    if (!peer) throw new ForbiddenError('The Arena system does not play');
    await this.countSend(me);
    const challengeId = await this.game.challenge(me, peer);
    await this.post(conversation, me, 'invite', 'invites you to a match', challengeId);
    return challengeId;
  }

  /** A notice from the Arena system to one player, in their system conversation. */
  async postSystem(userId: string, body: string): Promise<MessageDto> {
    const conversationId = await this.chat.systemConversation(userId);
    const conversation = await this.conversations.findOneByOrFail({ id: conversationId });
    return this.post(conversation, null, 'system', body, null);
  }

  /** A tournament match is ready: a system message to the player (the inbox hears it too). */
  @OnEvent(TOURNAMENT_MATCH_READY)
  async matchReady(event: TournamentMatchReady): Promise<void> {
    try {
      await this.postSystem(
        event.userId,
        `Your tournament match (round ${event.round}) is ready: join it before ${new Date(
          event.deadline,
        ).toISOString()}.`,
      );
    } catch (error) {
      this.logger.error(`Tournament notice not posted: ${String(error)}`);
    }
  }

  /** History newest first, keyset by message: `before` is the oldest id of the previous page. */
  async history(
    me: string,
    conversationId: string,
    before: string | undefined,
    limit: number,
  ): Promise<MessagePageDto> {
    const conversation = await this.conversation(conversationId);
    await this.chat.membership(conversationId, me);
    let beforeSeq: number | null = null;
    if (before) {
      const anchor = await this.messages.findOneBy({ id: before, conversationId });
      if (!anchor) throw new NotFoundError('Message not found in this conversation');
      beforeSeq = anchor.seq;
    }
    const hidePeer = await this.peerHidden(conversation, me);
    const rows = await this.views.visibleHistory(
      me,
      conversationId,
      hidePeer,
      beforeSeq,
      limit + 1,
    );
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    return {
      items: await this.views.messages(page),
      nextBefore: more ? page[page.length - 1].id : null,
    };
  }

  /** Moves the caller's read position (never backwards) and tells the other members. */
  async read(me: string, conversationId: string, messageId: string): Promise<void> {
    await this.conversation(conversationId);
    const member = await this.chat.membership(conversationId, me);
    const message = await this.messages.findOneBy({ id: messageId, conversationId });
    if (!message) throw new NotFoundError('Message not found in this conversation');
    if (message.seq > member.lastReadSeq) {
      const unread = await this.unreadAfter(me, conversationId, message.seq);
      await this.members.update(
        { conversationId, userId: me },
        { lastReadSeq: message.seq, unread },
      );
    }
    const others = (await this.recipients(this.members.manager, conversationId, me)).filter(
      (id) => id !== me,
    );
    this.notifier.toUsers(others, 'chat:read', { conversationId, userId: me, messageId });
  }

  /** Relayed to the other members at most once per 2 s per user and conversation. */
  async typing(me: string, conversationId: string): Promise<void> {
    const member = await this.members.findOneBy({ conversationId, userId: me });
    if (!member) return;
    if (!(await this.typingGate.admit(me, conversationId))) return;
    const others = (await this.recipients(this.members.manager, conversationId, me)).filter(
      (id) => id !== me,
    );
    this.notifier.toUsers(others, 'chat:typing', { conversationId, userId: me });
  }

  /** For the export: every message the user sent, a chunk at a time (IDX_chat_messages_sender). */
  async *sentBy(userId: string, size: number): AsyncGenerator<MessageRecordDto[]> {
    let after: string | null = null;
    for (;;) {
      const rows = await this.messages.find({
        where: after ? { senderId: userId, id: MoreThan(after) } : { senderId: userId },
        order: { id: 'ASC' },
        take: size,
      });
      if (rows.length === 0) return;
      yield rows.map((row) => ({
        id: row.id,
        conversationId: row.conversationId,
        kind: row.kind,
        body: row.body,
        challengeId: row.challengeId,
        createdAt: row.createdAt.toISOString(),
      }));
      if (rows.length < size) return;
      after = rows[rows.length - 1].id;
    }
  }

  /** The conversation if `me` may post in it now, else the reason why not. */
  private async mayPost(me: string, conversationId: string): Promise<Conversation> {
    const conversation = await this.conversation(conversationId);
    const member = await this.chat.membership(conversationId, me);
    if (member.mutedUntil && stillHolds(member.mutedUntil, this.clock.now())) {
      throw new ForbiddenError('You are muted in this channel');
    }
    if (conversation.kind === 'direct') {
      const peer = await this.peerOf(conversationId, me);
      if (!peer) throw new ForbiddenError('The Arena system does not read replies');
      if (await this.blocks.isBlockedEitherWay(me, peer)) {
        throw new BlockedError('One of you has blocked the other');
      }
    }
    return conversation;
  }

  /** Per-user send budget, counted across nodes (the throttler's storage; Redis when clustered). */
  private async countSend(me: string): Promise<void> {
    if (!this.rateLimit) return;
    const record = await this.counters.increment(
      `chat-send:${me}`,
      SEND_WINDOW_MS,
      SEND_LIMIT,
      SEND_WINDOW_MS,
      'chat-send',
    );
    if (record.isBlocked) {
      throw new RateLimitedError(
        `At most ${SEND_LIMIT} messages every ${SEND_WINDOW_MS / 1000} s`,
        Math.max(1, Math.ceil(record.timeToBlockExpire)),
      );
    }
  }

  /**
   * Stores a message (numbered in its conversation), moves every member's activity and the
   * unread counters of those who will see it, then delivers it live to them.
   */
  private async post(
    conversation: Conversation,
    senderId: string | null,
    kind: MessageKind,
    body: string,
    challengeId: string | null,
  ): Promise<MessageDto> {
    const conversationId = conversation.id;
    const { row, recipients } = await this.transactor.run(async (manager) => {
      const now = this.clock.date();
      const conversations = manager.getRepository(Conversation);
      await conversations.increment({ id: conversationId }, 'lastSeq', 1);
      const { lastSeq } = await conversations.findOneOrFail({
        where: { id: conversationId },
        select: { id: true, lastSeq: true },
      });
      const row = manager.getRepository(ChatMessage).create({
        id: randomUUID(),
        conversationId,
        seq: lastSeq,
        senderId,
        kind,
        body,
        challengeId,
        createdAt: now,
      });
      await manager.getRepository(ChatMessage).insert(row);
      await conversations.update({ id: conversationId }, { lastMessageId: row.id });
      await manager
        .createQueryBuilder()
        .update(ChatMember)
        .set({ lastActivityAt: now })
        .where('"conversationId" = :conversationId', { conversationId })
        .execute();
      const unseen = manager
        .createQueryBuilder()
        .update(ChatMember)
        .set({ unread: () => '"unread" + 1' })
        .where('"conversationId" = :conversationId', { conversationId });
      if (senderId) {
        unseen
          .andWhere('"userId" != :senderId', { senderId })
          .andWhere(
            `NOT EXISTS (SELECT 1 FROM "blocks" "b" WHERE "b"."blockerId" = "chat_members"."userId" AND "b"."blockedId" = :senderId)`,
          );
        await manager
          .getRepository(ChatMember)
          .update({ conversationId, userId: senderId }, { lastReadSeq: lastSeq });
      }
      await unseen.execute();
      return { row, recipients: await this.recipients(manager, conversationId, senderId) };
    });
    const message = await this.views.message(row);
    this.notifier.toUsers(recipients, 'chat:message', message);
    return message;
  }

  /**
   * The members who receive what `senderId` says here: every member but those who blocked the
   * sender, in one query over the conversation's members (each a key lookup in `blocks`).
   */
  private async recipients(
    manager: EntityManager,
    conversationId: string,
    senderId: string | null,
  ): Promise<string[]> {
    const query = manager
      .getRepository(ChatMember)
      .createQueryBuilder('m')
      .select('m.userId', 'userId')
      .where('m.conversationId = :conversationId', { conversationId });
    if (senderId) {
      query.andWhere(
        'NOT EXISTS (SELECT 1 FROM "blocks" "b" WHERE "b"."blockerId" = m.userId AND "b"."blockedId" = :senderId)',
        { senderId },
      );
    }
    const rows = await query.getRawMany<{ userId: string }>();
    return rows.map((row) => row.userId);
  }

  /** Messages after `seq` the member will see (not their own, not from people they blocked), capped. */
  private async unreadAfter(me: string, conversationId: string, seq: number): Promise<number> {
    const inner = this.messages
      .createQueryBuilder('m')
      .select('1')
      .where('m.conversationId = :conversationId', { conversationId })
      .andWhere('m.seq > :seq', { seq })
      .andWhere('(m.senderId IS NULL OR m.senderId != :me)', { me })
      .andWhere(
        'NOT EXISTS (SELECT 1 FROM "blocks" "b" WHERE "b"."blockerId" = :me AND "b"."blockedId" = m.senderId)',
      )
      .limit(UNREAD_CAP);
    const [sql, parameters] = inner.getQueryAndParameters();
    const rows = await this.messages.query<{ count: unknown }[]>(
      `SELECT COUNT(*) AS "count" FROM (${sql}) "capped"`,
      parameters,
    );
    return Number(rows[0].count);
  }

  private async conversation(id: string): Promise<Conversation> {
    const conversation = await this.conversations.findOneBy({ id });
    if (!conversation) throw new NotFoundError('Conversation not found');
    return conversation;
  }

  /** The other member of a direct conversation (null in the system's). */
  private async peerOf(conversationId: string, me: string): Promise<string | null> {
    const rows = await this.members.find({
      where: { conversationId },
      select: { userId: true },
      take: 2,
    });
    return rows.find((row) => row.userId !== me)?.userId ?? null;
  }

  /** In a direct conversation across a block, neither side sees the other's messages. */
  private async peerHidden(conversation: Conversation, me: string): Promise<boolean> {
    if (conversation.kind !== 'direct') return false;
    const peer = await this.peerOf(conversation.id, me);
    return peer !== null && (await this.blocks.isBlockedEitherWay(me, peer));
  }
}
