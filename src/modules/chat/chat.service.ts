/**
 * Conversations and channels: direct conversations, the channel directory, joining and leaving,
 * invitations, and moderation (roles, kicks, bans and mutes with an end). Who may act on whom is
 * moderation.policy.ts; this service loads, checks, writes in one transaction, then tells the
 * members over `/chat`.
 */
import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, In, MoreThan, Repository } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import {
  ACCOUNT_ERASING,
  AccountErasing,
  ERASURE_BATCH,
} from '../../common/events/account-erasure.events';
import {
  BlockedError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../common/errors';
import { Page, pageOf } from '../../common/pagination/pagination';
import { pageWindow } from '../../common/pagination/page-window';
import { isUniqueViolation, Transactor } from '../../database/transactor';
import { ChatNotifier } from '../../realtime/chat-notifier';
import { PasswordHasher } from '../auth/password.hasher';
import { NotificationsService } from '../notifications/notifications.service';
import { BlocksService } from '../social/blocks.service';
import { containsPattern } from '../users/user-search';
import { UsersService } from '../users/users.service';
import type { MemberAction } from './chat.events';
import { ChatViews } from './chat-views';
import {
  BanDto,
  ChannelsQueryDto,
  ChannelSummaryDto,
  ConversationDto,
  CreateChannelDto,
  MembershipRecordDto,
  UpdateChannelDto,
} from './dto/chat.dto';
import { ChatBan } from './entities/chat-ban.entity';
import { ChatInvite } from './entities/chat-invite.entity';
import { ChatMember, MemberRole } from './entities/chat-member.entity';
import { ChatMessage, DELETED_BODY } from './entities/chat-message.entity';
import { ChannelVisibility, Conversation } from './entities/conversation.entity';
import { mayManage, mayModerate, stillHolds, successor, until } from './moderation.policy';

/** The most conversations the list answers (the most recently active). */
export const MAX_CONVERSATIONS = 100;

const CHANNEL_NOT_FOUND = 'Channel not found';

export const directKey = (a: string, b: string) => (a < b ? `${a}:${b}` : `${b}:${a}`);
export const systemKey = (userId: string) => `system:${userId}`;

@Injectable()
export class ChatService {
  constructor(
    @InjectRepository(Conversation) private readonly conversations: Repository<Conversation>,
    @InjectRepository(ChatMember) private readonly members: Repository<ChatMember>,
    @InjectRepository(ChatBan) private readonly bans: Repository<ChatBan>,
    private readonly views: ChatViews,
    private readonly users: UsersService,
    private readonly blocks: BlocksService,
    private readonly hasher: PasswordHasher,
    private readonly notifications: NotificationsService,
    private readonly notifier: ChatNotifier,
    private readonly transactor: Transactor,
    private readonly clock: Clock,
  ) {}

  /** The caller's conversations, most recent activity first (one range of an index). */
  async list(me: string): Promise<ConversationDto[]> {
    const rows = await this.members.find({
      where: { userId: me },
      order: { lastActivityAt: 'DESC' },
      take: MAX_CONVERSATIONS,
    });
    if (rows.length === 0) return [];
    const conversations = await this.conversations.findBy({
      id: In(rows.map((row) => row.conversationId)),
    });
    return this.views.conversations(me, rows, conversations);
  }

  /** One conversation as the caller (a member) sees it. */
  async view(me: string, conversationId: string): Promise<ConversationDto> {
    const [row, conversation] = await Promise.all([
      this.members.findOneBy({ conversationId, userId: me }),
      this.conversations.findOneBy({ id: conversationId }),
    ]);
    if (!row || !conversation) throw new NotFoundError('Conversation not found');
    return (await this.views.conversations(me, [row], [conversation]))[0];
  }

  /** The direct conversation with `userId`, made on first use. */
  async openDirect(
    me: string,
    userId: string,
  ): Promise<{ created: boolean; conversation: ConversationDto }> {
    if (me === userId) throw new ValidationError('You cannot open a conversation with yourself');
    await this.users.getActive(userId);
    if (await this.blocks.isBlockedEitherWay(me, userId)) {
      throw new BlockedError('One of you has blocked the other');
    }
    const key = directKey(me, userId);
    const existing = await this.conversations.findOneBy({ directKey: key });
    if (existing) return { created: false, conversation: await this.view(me, existing.id) };
    try {
      const id = await this.transactor.run((manager) =>
        this.createDirect(manager, key, [me, userId]),
      );
      return { created: true, conversation: await this.view(me, id) };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const raced = await this.conversations.findOneByOrFail({ directKey: key });
      return { created: false, conversation: await this.view(me, raced.id) };
    }
  }

  /**
   * The conversation between the Arena system and a player (its `system` messages), made on
   * first use: a direct conversation with the player as its only member.
   */
  async systemConversation(userId: string): Promise<string> {
    const key = systemKey(userId);
    const existing = await this.conversations.findOneBy({ directKey: key });
    if (existing) return existing.id;
    try {
      return await this.transactor.run((manager) => this.createDirect(manager, key, [userId]));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return (await this.conversations.findOneByOrFail({ directKey: key })).id;
    }
  }

  private async createDirect(
    manager: EntityManager,
    key: string,
    userIds: string[],
  ): Promise<string> {
    const now = this.clock.date();
    const id = randomUUID();
    await manager.getRepository(Conversation).insert({
      id,
      kind: 'direct',
      name: null,
      nameLower: null,
      listedName: null,
      visibility: null,
      passwordHash: null,
      directKey: key,
      lastSeq: 0,
      lastMessageId: null,
      memberCount: userIds.length,
      createdAt: now,
    });
    await manager
      .getRepository(ChatMember)
      .insert(userIds.map((userId) => this.newMember(id, userId, 'member', now)));
    return id;
  }

  async createChannel(me: string, input: CreateChannelDto): Promise<ConversationDto> {
    const name = input.name.trim();
    if (name.length === 0)
      throw new ValidationError('name must not be blank', ['name must not be blank']);
    const passwordHash = await this.passwordFor(input.visibility, input.password, null);
    const now = this.clock.date();
    const id = randomUUID();
    try {
      await this.transactor.run(async (manager) => {
        await manager.getRepository(Conversation).insert({
          id,
          kind: 'channel',
          name,
          nameLower: name.toLowerCase(),
          listedName: listed(input.visibility, name),
          visibility: input.visibility,
          passwordHash,
          directKey: null,
          lastSeq: 0,
          lastMessageId: null,
          memberCount: 1,
          createdAt: now,
        });
        await manager.getRepository(ChatMember).insert(this.newMember(id, me, 'owner', now));
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('A channel with this name exists');
      throw error;
    }
    return this.view(me, id);
  }

  /** Public and protected channels by name; each page is one range of the directory index. */
  async directory(query: ChannelsQueryDto): Promise<Page<ChannelSummaryDto>> {
    const base = () => {
      const q = this.conversations.createQueryBuilder('c').where('c.listedName IS NOT NULL');
      if (query.search) {
        q.andWhere(`c.listedName LIKE :pattern ESCAPE '\\'`, {
          pattern: containsPattern(query.search),
        });
      }
      return q;
    };
    const total = await base().getCount();
    const window = pageWindow(total, query.offset, query.limit);
    if (!window) return pageOf([], total, query);
    const rows = await base()
      .orderBy('c.listedName', window.reversed ? 'DESC' : 'ASC')
      .offset(window.offset)
      .limit(window.limit)
      .getMany();
    if (window.reversed) rows.reverse();
    return pageOf(
      rows.map((row) => ({
        id: row.id,
        name: row.name as string,
        visibility: row.visibility as ChannelVisibility,
        members: row.memberCount,
        createdAt: row.createdAt.toISOString(),
      })),
      total,
      query,
    );
  }

  async join(me: string, channelId: string, password?: string): Promise<ConversationDto> {
    const channel = await this.channel(channelId);
    const now = this.clock.now();
    if (await this.members.existsBy({ conversationId: channelId, userId: me })) {
      throw new ConflictError('You are already a member');
    }
    const ban = await this.bans.findOneBy({ conversationId: channelId, userId: me });
    if (ban && stillHolds(ban.until, now))
      throw new ForbiddenError('You are banned from this channel');
    if (channel.visibility === 'private') {
      const invited = await this.conversations.manager
        .getRepository(ChatInvite)
        .existsBy({ conversationId: channelId, userId: me });
      if (!invited) throw new ForbiddenError('This channel is private: you need an invitation');
    }
    if (channel.visibility === 'protected') {
      if (
        password === undefined ||
        !channel.passwordHash ||
        !(await this.hasher.verify(channel.passwordHash, password))
      ) {
        throw new ForbiddenError('Wrong channel password');
      }
    }
    try {
      await this.transactor.run(async (manager) => {
        await manager
          .getRepository(ChatMember)
          .insert(this.newMember(channelId, me, 'member', this.clock.date()));
        await this.countMembers(manager, channelId, +1);
        await manager.getRepository(ChatInvite).delete({ conversationId: channelId, userId: me });
        if (ban)
          await manager.getRepository(ChatBan).delete({ conversationId: channelId, userId: me });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('You are already a member');
      throw error;
    }
    await this.tell(channelId, me, 'joined');
    return this.view(me, channelId);
  }

  async leave(me: string, channelId: string): Promise<void> {
    await this.channel(channelId);
    await this.membership(channelId, me);
    const kept = await this.transactor.run((manager) => this.removeMember(manager, channelId, me));
    await this.tellRemoved(channelId, me, 'left', kept);
  }

  async invite(me: string, channelId: string, userId: string): Promise<void> {
    const channel = await this.channel(channelId);
    const actor = await this.membership(channelId, me);
    if (!mayManage(actor.role, 'invite'))
      throw new ForbiddenError('Only the owner or an admin can invite');
    const invitee = await this.users.getActive(userId);
    if (await this.members.existsBy({ conversationId: channelId, userId })) {
      throw new ConflictError('Already a member');
    }
    if (await this.blocks.isBlockedEitherWay(me, invitee.id)) {
      throw new BlockedError('One of you has blocked the other');
    }
    await this.transactor.run(async (manager) => {
      const invites = manager.getRepository(ChatInvite);
      if (!(await invites.existsBy({ conversationId: channelId, userId }))) {
        await invites.insert({ conversationId: channelId, userId, createdAt: this.clock.date() });
      }
    });
    const from = this.users.publicProfile(await this.users.get(me));
    await this.notifications.notify(userId, 'chat_invite', {
      conversationId: channelId,
      name: channel.name,
      from,
    });
  }

  async update(me: string, channelId: string, input: UpdateChannelDto): Promise<ConversationDto> {
    const channel = await this.channel(channelId);
    const actor = await this.membership(channelId, me);
    if (!mayManage(actor.role, 'edit'))
      throw new ForbiddenError('Only the owner can change the channel');
    const visibility = input.visibility ?? (channel.visibility as ChannelVisibility);
    const name = input.name === undefined ? (channel.name as string) : input.name.trim();
    if (name.length === 0)
      throw new ValidationError('name must not be blank', ['name must not be blank']);
    const passwordHash =
      input.password === undefined && visibility === 'protected'
        ? await this.passwordFor(visibility, undefined, channel.passwordHash)
        : await this.passwordFor(visibility, input.password, null);
    try {
      await this.conversations.update(
        { id: channelId },
        {
          name,
          nameLower: name.toLowerCase(),
          listedName: listed(visibility, name),
          visibility,
          passwordHash,
        },
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('A channel with this name exists');
      throw error;
    }
    return this.view(me, channelId);
  }

  async setRole(me: string, channelId: string, userId: string, role: 'admin' | 'member') {
    await this.channel(channelId);
    const actor = await this.membership(channelId, me);
    const target = await this.targetMember(channelId, userId);
    if (!mayModerate(actor.role, 'role', target.role)) {
      throw new ForbiddenError('Only the owner can change roles, and never their own');
    }
    await this.members.update({ conversationId: channelId, userId }, { role });
    await this.tell(channelId, userId, 'role');
  }

  async kick(me: string, channelId: string, userId: string): Promise<void> {
    await this.channel(channelId);
    const actor = await this.membership(channelId, me);
    const target = await this.targetMember(channelId, userId);
    this.assertMay(me, actor.role, 'kick', userId, target.role);
    const kept = await this.transactor.run((manager) =>
      this.removeMember(manager, channelId, userId),
    );
    await this.tellRemoved(channelId, userId, 'kicked', kept);
  }

  async ban(me: string, channelId: string, userId: string, input: BanDto): Promise<void> {
    await this.channel(channelId);
    const actor = await this.membership(channelId, me);
    await this.users.get(userId);
    const target = await this.members.findOneBy({ conversationId: channelId, userId });
    // Someone who is not a member can be banned ahead, as a member would be.
    this.assertMay(me, actor.role, 'ban', userId, target?.role ?? 'member');
    const end = until(this.clock.now(), input.minutes);
    const kept = await this.transactor.run(async (manager) => {
      const bans = manager.getRepository(ChatBan);
      await bans.delete({ conversationId: channelId, userId });
      await bans.insert({
        conversationId: channelId,
        userId,
        until: end,
        createdAt: this.clock.date(),
      });
      await manager.getRepository(ChatInvite).delete({ conversationId: channelId, userId });
      return target ? this.removeMember(manager, channelId, userId) : true;
    });
    await this.tellRemoved(channelId, userId, 'banned', kept);
  }

  async unban(me: string, channelId: string, userId: string): Promise<void> {
    await this.channel(channelId);
    const actor = await this.membership(channelId, me);
    if (!mayManage(actor.role, 'unban'))
      throw new ForbiddenError('Only the owner or an admin can unban');
    const result = await this.bans.delete({ conversationId: channelId, userId });
    if (!result.affected) throw new NotFoundError('This user is not banned');
  }

  async mute(me: string, channelId: string, userId: string, minutes: number): Promise<void> {
    await this.channel(channelId);
    const actor = await this.membership(channelId, me);
    const target = await this.targetMember(channelId, userId);
    this.assertMay(me, actor.role, 'mute', userId, target.role);
    await this.members.update(
      { conversationId: channelId, userId },
      { mutedUntil: until(this.clock.now(), minutes) },
    );
    await this.tell(channelId, userId, 'muted');
  }

  /** Every member's id (a channel's members are told of its changes). */
  async memberIds(conversationId: string): Promise<string[]> {
    const rows = await this.members.find({
      where: { conversationId },
      select: { userId: true },
    });
    return rows.map((row) => row.userId);
  }

  /** The caller's membership, or 403. */
  async membership(conversationId: string, userId: string): Promise<ChatMember> {
    const row = await this.members.findOneBy({ conversationId, userId });
    if (!row) throw new ForbiddenError('You are not a member of this conversation');
    return row;
  }

  /**
   * Erasure, inside its transaction: the account's messages read `[deleted]`, its memberships,
   * invitations and bans are gone, and ownership of its channels passes on as on leaving.
   */
  @OnEvent(ACCOUNT_ERASING, { suppressErrors: false })
  async forget({ userId, manager }: AccountErasing): Promise<void> {
    const messages = manager.getRepository(ChatMessage);
    let after = '';
    for (;;) {
      const batch = await messages.find({
        where: after ? { senderId: userId, id: MoreThan(after) } : { senderId: userId },
        order: { id: 'ASC' },
        select: { id: true },
        take: ERASURE_BATCH,
      });
      if (batch.length === 0) break;
      await messages.update({ id: In(batch.map((row) => row.id)) }, { body: DELETED_BODY });
      after = batch[batch.length - 1].id;
      if (batch.length < ERASURE_BATCH) break;
    }
    const memberships = await manager
      .getRepository(ChatMember)
      .find({ where: { userId }, select: { conversationId: true } });
    for (const { conversationId } of memberships) {
      await this.removeMember(manager, conversationId, userId);
    }
    await manager.getRepository(ChatInvite).delete({ userId });
    await manager.getRepository(ChatBan).delete({ userId });
  }

  /** For the export: the caller's memberships with their conversations, a chunk at a time. */
  async *memberships(userId: string, size: number): AsyncGenerator<MembershipRecordDto[]> {
    // Along IDX_chat_members_activity: a user's memberships are few enough for offsets.
    for (let skip = 0; ; skip += size) {
      const rows = await this.members.find({
        where: { userId },
        order: { lastActivityAt: 'DESC' },
        skip,
        take: size,
      });
      if (rows.length === 0) return;
      const conversations = await this.conversations.findBy({
        id: In(rows.map((row) => row.conversationId)),
      });
      const byId = new Map(conversations.map((c) => [c.id, c]));
      yield rows.flatMap((row) => {
        const conversation = byId.get(row.conversationId);
        if (!conversation) return [];
        return [
          {
            conversationId: row.conversationId,
            kind: conversation.kind,
            name: conversation.name,
            visibility: conversation.visibility,
            role: row.role,
            joinedAt: row.joinedAt.toISOString(),
            mutedUntil: row.mutedUntil ? row.mutedUntil.toISOString() : null,
          },
        ];
      });
      if (rows.length < size) return;
    }
  }

  /**
   * Removes a member (leave, kick, ban, erasure): hands ownership on when the owner goes, and
   * deletes a channel its last member leaves. False when the conversation is gone with it.
   */
  private async removeMember(
    manager: EntityManager,
    conversationId: string,
    userId: string,
  ): Promise<boolean> {
    const members = manager.getRepository(ChatMember);
    const leaving = await members.findOneBy({ conversationId, userId });
    if (!leaving) return true;
    await members.delete({ conversationId, userId });
    const conversation = await manager
      .getRepository(Conversation)
      .findOneBy({ id: conversationId });
    if (!conversation) return false;
    if (conversation.kind === 'channel' && conversation.memberCount <= 1) {
      await manager.getRepository(ChatMessage).delete({ conversationId });
      await manager.getRepository(ChatBan).delete({ conversationId });
      await manager.getRepository(ChatInvite).delete({ conversationId });
      await manager.getRepository(Conversation).delete({ id: conversationId });
      return false;
    }
    await this.countMembers(manager, conversationId, -1);
    if (leaving.role === 'owner') {
      const [admin, member] = await Promise.all(
        (['admin', 'member'] as const).map((role) =>
          members.findOne({ where: { conversationId, role }, order: { joinedAt: 'ASC' } }),
        ),
      );
      const next = successor([admin, member].filter((row): row is ChatMember => row !== null));
      if (next) await members.update({ conversationId, userId: next.userId }, { role: 'owner' });
    }
    return true;
  }

  private countMembers(manager: EntityManager, conversationId: string, delta: number) {
    return manager
      .getRepository(Conversation)
      .increment({ id: conversationId }, 'memberCount', delta);
  }

  private assertMay(
    me: string,
    actor: MemberRole,
    action: 'kick' | 'ban' | 'mute',
    target: string,
    targetRole: MemberRole,
  ): void {
    if (me === target) throw new ForbiddenError(`You cannot ${action} yourself`);
    if (!mayModerate(actor, action, targetRole)) {
      throw new ForbiddenError(
        targetRole === 'owner'
          ? 'Nobody acts on the owner'
          : actor === 'admin'
            ? 'Admins act on members only'
            : 'Only the owner or an admin can do this',
      );
    }
  }

  private async channel(id: string): Promise<Conversation> {
    const channel = await this.conversations.findOneBy({ id });
    if (!channel || channel.kind !== 'channel') throw new NotFoundError(CHANNEL_NOT_FOUND);
    return channel;
  }

  private async targetMember(conversationId: string, userId: string): Promise<ChatMember> {
    const row = await this.members.findOneBy({ conversationId, userId });
    if (!row) throw new NotFoundError('That user is not a member of this channel');
    return row;
  }

  /** The password hash a channel of this visibility keeps. */
  private async passwordFor(
    visibility: ChannelVisibility,
    password: string | undefined,
    current: string | null,
  ): Promise<string | null> {
    if (visibility !== 'protected') {
      if (password !== undefined) {
        const message = 'password is only for protected channels';
        throw new ValidationError(message, [message]);
      }
      return null;
    }
    if (password !== undefined) return this.hasher.hash(password);
    if (current) return current;
    const message = 'password is required for a protected channel';
    throw new ValidationError(message, [message]);
  }

  private newMember(conversationId: string, userId: string, role: MemberRole, now: Date) {
    return {
      conversationId,
      userId,
      role,
      joinedAt: now,
      lastActivityAt: now,
      lastReadSeq: 0,
      unread: 0,
      mutedUntil: null,
    };
  }

  /** `chat:member` to the members and to the user concerned. */
  private async tell(conversationId: string, userId: string, action: MemberAction): Promise<void> {
    const ids = new Set(await this.memberIds(conversationId));
    ids.add(userId);
    this.notifier.toUsers([...ids], 'chat:member', { conversationId, userId, action });
  }

  private async tellRemoved(
    conversationId: string,
    userId: string,
    action: MemberAction,
    kept: boolean,
  ): Promise<void> {
    if (kept) return this.tell(conversationId, userId, action);
    this.notifier.toUsers([userId], 'chat:member', { conversationId, userId, action });
  }
}

function listed(visibility: ChannelVisibility, name: string): string | null {
  return visibility === 'private' ? null : name.toLowerCase();
}
