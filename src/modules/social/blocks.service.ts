import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { ACCOUNT_ERASING, AccountErasing } from '../../common/events/account-erasure.events';
import { NotFoundError, ValidationError } from '../../common/errors';
import { Transactor } from '../../database/transactor';
import { PublicProfileDto } from '../users/dto/profile.dto';
import { UsersService } from '../users/users.service';
import { Block } from './entities/block.entity';
import { FriendRequest } from './entities/friend-request.entity';
import { Friendship } from './entities/friendship.entity';

/** Blocks: a block ends any friendship and pending request and refuses new ones, both ways. */
@Injectable()
export class BlocksService {
  constructor(
    @InjectRepository(Block) private readonly blocks: Repository<Block>,
    private readonly users: UsersService,
    private readonly transactor: Transactor,
    private readonly clock: Clock,
  ) {}

  /** The seam friend requests and challenges ask before letting two players meet. */
  async isBlockedEitherWay(a: string, b: string): Promise<boolean> {
    const count = await this.blocks.count({
      where: [
        { blockerId: a, blockedId: b },
        { blockerId: b, blockedId: a },
      ],
    });
    return count > 0;
  }

  /** Whether `blocker` blocked `blocked` (one direction: chat hides what a blocker's sender says). */
  hasBlocked(blocker: string, blocked: string): Promise<boolean> {
    return this.blocks.existsBy({ blockerId: blocker, blockedId: blocked });
  }

  async block(me: string, target: string): Promise<void> {
    if (me === target) throw new ValidationError('You cannot block yourself');
    await this.users.getActive(target);
    await this.transactor.run(async (manager) => {
      const exists = await manager
        .getRepository(Block)
        .existsBy({ blockerId: me, blockedId: target });
      if (!exists) {
        await manager
          .getRepository(Block)
          .insert({ blockerId: me, blockedId: target, createdAt: this.clock.date() });
      }
      await manager.getRepository(Friendship).delete([
        { userId: me, friendId: target },
        { userId: target, friendId: me },
      ]);
      await manager.getRepository(FriendRequest).delete([
        { fromUserId: me, toUserId: target },
        { fromUserId: target, toUserId: me },
      ]);
    });
  }

  async unblock(me: string, target: string): Promise<void> {
    const result = await this.blocks.delete({ blockerId: me, blockedId: target });
    if (!result.affected) throw new NotFoundError('This player is not blocked');
  }

  /** Erasure: blocks made by or against the account are gone. */
  @OnEvent(ACCOUNT_ERASING, { suppressErrors: false })
  async forget({ userId, manager }: AccountErasing): Promise<void> {
    await manager.getRepository(Block).delete([{ blockerId: userId }, { blockedId: userId }]);
  }

  async list(me: string): Promise<PublicProfileDto[]> {
    const rows = await this.blocks.find({
      where: { blockerId: me },
      relations: { blocked: true },
      order: { createdAt: 'ASC' },
    });
    return rows.map((row) => this.users.publicProfile(row.blocked!));
  }
}
