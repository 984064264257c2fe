import { Injectable } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { ACCOUNT_ERASING, AccountErasing } from '../../common/events/account-erasure.events';
import {
  FRIEND_REQUEST_SENT,
  FRIENDSHIP_ACCEPTED,
  FriendRequestSent,
  FriendshipAccepted,
} from '../../common/events/social.events';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../common/errors';
import { isUniqueViolation, Transactor } from '../../database/transactor';
import { PublicProfileDto } from '../users/dto/profile.dto';
import { UsersService } from '../users/users.service';
import { BlocksService } from './blocks.service';
import { FriendRequestDto, FriendRequestsDto } from './dto/social.dto';
import { FriendRequest } from './entities/friend-request.entity';
import { Friendship } from './entities/friendship.entity';

export type SendOutcome = { kind: 'requested'; request: FriendRequestDto } | { kind: 'friends' };

const REQUEST_NOT_FOUND = 'Friend request not found';

@Injectable()
export class FriendsService {
  constructor(
    @InjectRepository(Friendship) private readonly friendships: Repository<Friendship>,
    @InjectRepository(FriendRequest) private readonly requests: Repository<FriendRequest>,
    private readonly users: UsersService,
    private readonly blocks: BlocksService,
    private readonly transactor: Transactor,
    private readonly clock: Clock,
    private readonly events: EventEmitter2,
  ) {}

  async list(me: string): Promise<PublicProfileDto[]> {
    const rows = await this.friendships.find({
      where: { userId: me },
      relations: { friend: true },
    });
    return rows
      .map((row) => this.users.publicProfile(row.friend!))
      .sort((a, b) => a.username.localeCompare(b.username));
  }

  /** Erasure: the account's friendships and requests, both ways, are gone. */
  @OnEvent(ACCOUNT_ERASING, { suppressErrors: false })
  async forget({ userId, manager }: AccountErasing): Promise<void> {
    await manager.getRepository(Friendship).delete([{ userId }, { friendId: userId }]);
    await manager
      .getRepository(FriendRequest)
      .delete([{ fromUserId: userId }, { toUserId: userId }]);
  }

  /** Ids of the user's friends (presence updates go to them). */
  async friendIds(me: string): Promise<string[]> {
    const rows = await this.friendships.find({ where: { userId: me }, select: { friendId: true } });
    return rows.map((row) => row.friendId);
  }

  async pending(me: string): Promise<FriendRequestsDto> {
    // Two reads, each one range of its own index, rather than one OR that must be sorted.
    const [incoming, outgoing] = await Promise.all(
      (['toUserId', 'fromUserId'] as const).map((side) =>
        this.requests.find({
          where: { [side]: me },
          relations: { from: true, to: true },
          order: { createdAt: 'ASC' },
        }),
      ),
    );
    return {
      incoming: incoming.map((row) => this.toDto(row)),
      outgoing: outgoing.map((row) => this.toDto(row)),
    };
  }

  /** Asks `target` to be friends; if `target` already asked, they are friends at once. */
  async send(me: string, target: string): Promise<SendOutcome> {
    if (me === target) throw new ValidationError('You cannot send a friend request to yourself');
    await this.users.getActive(target);
    if (await this.blocks.isBlockedEitherWay(me, target)) {
      throw new ForbiddenError('One of you has blocked the other');
    }
    let outcome: { kind: 'friends' } | { kind: 'requested'; id: string };
    try {
      outcome = await this.transactor.run(async (manager) => {
        const friendships = manager.getRepository(Friendship);
        const requests = manager.getRepository(FriendRequest);
        if (await friendships.existsBy({ userId: me, friendId: target })) {
          throw new ConflictError('You are already friends');
        }
        if (await requests.existsBy({ fromUserId: me, toUserId: target })) {
          throw new ConflictError('Friend request already sent');
        }
        const theirs = await requests.findOneBy({ fromUserId: target, toUserId: me });
        if (theirs) {
          await this.befriend(manager, theirs);
          return { kind: 'friends' as const };
        }
        const request = requests.create({
          id: randomUUID(),
          fromUserId: me,
          toUserId: target,
          createdAt: this.clock.date(),
        });
        await requests.insert(request);
        return { kind: 'requested' as const, id: request.id };
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('Friend request already sent');
      throw error;
    }
    if (outcome.kind === 'friends') {
      await this.events.emitAsync(FRIENDSHIP_ACCEPTED, new FriendshipAccepted(target, me));
      return outcome;
    }
    await this.events.emitAsync(FRIEND_REQUEST_SENT, new FriendRequestSent(outcome.id, me, target));
    return { kind: 'requested', request: await this.requestDto(outcome.id) };
  }

  async accept(me: string, requestId: string): Promise<void> {
    const request = await this.transactor.run(async (manager) => {
      const request = await this.partyRequest(manager, me, requestId);
      if (request.toUserId !== me)
        throw new ForbiddenError('Only the addressee can accept a request');
      await this.befriend(manager, request);
      return request;
    });
    await this.events.emitAsync(
      FRIENDSHIP_ACCEPTED,
      new FriendshipAccepted(request.fromUserId, me),
    );
  }

  /** The addressee declines, or the sender cancels. */
  async decline(me: string, requestId: string): Promise<void> {
    await this.transactor.run(async (manager) => {
      const request = await this.partyRequest(manager, me, requestId);
      await manager.getRepository(FriendRequest).delete({ id: request.id });
    });
  }

  async remove(me: string, friend: string): Promise<void> {
    const result = await this.friendships.delete([
      { userId: me, friendId: friend },
      { userId: friend, friendId: me },
    ]);
    if (!result.affected) throw new NotFoundError('You are not friends');
  }

  async requestDto(id: string): Promise<FriendRequestDto> {
    const row = await this.requests.findOne({ where: { id }, relations: { from: true, to: true } });
    if (!row) throw new NotFoundError(REQUEST_NOT_FOUND);
    return this.toDto(row);
  }

  /** A request the caller is a party to; anyone else's is "not found". */
  private async partyRequest(
    manager: EntityManager,
    me: string,
    id: string,
  ): Promise<FriendRequest> {
    const request = await manager.getRepository(FriendRequest).findOneBy({ id });
    if (!request || (request.fromUserId !== me && request.toUserId !== me)) {
      throw new NotFoundError(REQUEST_NOT_FOUND);
    }
    return request;
  }

  private async befriend(manager: EntityManager, request: FriendRequest): Promise<void> {
    const createdAt = this.clock.date();
    await manager.getRepository(FriendRequest).delete({ id: request.id });
    await manager.getRepository(Friendship).insert([
      { userId: request.fromUserId, friendId: request.toUserId, createdAt },
      { userId: request.toUserId, friendId: request.fromUserId, createdAt },
    ]);
  }

  private toDto(row: FriendRequest): FriendRequestDto {
    return {
      id: row.id,
      from: this.users.publicProfile(row.from!),
      to: this.users.publicProfile(row.to!),
      createdAt: row.createdAt.toISOString(),
    };
  }
}
