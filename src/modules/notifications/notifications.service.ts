/**
 * The inbox: one notification per event that concerns a user, stored, then pushed live as
 * `notification` on `/chat` to every socket of that user, on any node.
 */
import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { IsNull, Repository } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { ACCOUNT_ERASING, AccountErasing } from '../../common/events/account-erasure.events';
import { NotFoundError } from '../../common/errors';
import { Page, pageOf } from '../../common/pagination/pagination';
import { pageWindow } from '../../common/pagination/page-window';
import { ChatNotifier } from '../../realtime/chat-notifier';
import { NotificationDto, NotificationsQueryDto } from './dto/notification.dto';
import { Notification, NotificationKind } from './entities/notification.entity';

@Injectable()
export class NotificationsService {
  constructor(
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    private readonly notifier: ChatNotifier,
    private readonly clock: Clock,
  ) {}

  /** Stores a notification for `userId` and pushes it to the user's sockets. */
  async notify(
    userId: string,
    kind: NotificationKind,
    data: Record<string, unknown>,
  ): Promise<NotificationDto> {
    const row = this.notifications.create({
      id: randomUUID(),
      userId,
      kind,
      data,
      createdAt: this.clock.date(),
      readAt: null,
    });
    await this.notifications.save(row);
    const dto = toDto(row);
    this.notifier.toUsers([userId], 'notification', dto);
    return dto;
  }

  /** The inbox newest first; each page is one range of IDX_notifications_inbox (or _unread). */
  async list(userId: string, query: NotificationsQueryDto): Promise<Page<NotificationDto>> {
    const where = query.unread ? { userId, readAt: IsNull() } : { userId };
    const total = await this.notifications.count({ where });
    const window = pageWindow(total, query.offset, query.limit);
    if (!window) return pageOf([], total, query);
    const direction = window.reversed ? 'ASC' : 'DESC';
    const rows = await this.notifications.find({
      where,
      order: { createdAt: direction, id: direction },
      skip: window.offset,
      take: window.limit,
    });
    if (window.reversed) rows.reverse();
    return pageOf(rows.map(toDto), total, query);
  }

  async read(userId: string, id: string): Promise<void> {
    const row = await this.notifications.findOneBy({ id, userId });
    if (!row) throw new NotFoundError('Notification not found');
    if (row.readAt) return;
    await this.notifications.update({ id, userId }, { readAt: this.clock.date() });
  }

  async readAll(userId: string): Promise<void> {
    await this.notifications.update({ userId, readAt: IsNull() }, { readAt: this.clock.date() });
  }

  /** Erasure: the account's inbox is gone. */
  @OnEvent(ACCOUNT_ERASING, { suppressErrors: false })
  async forget({ userId, manager }: AccountErasing): Promise<void> {
    await manager.getRepository(Notification).delete({ userId });
  }

  /** For the export: the whole inbox, a chunk at a time, newest first. */
  async *chunks(userId: string, size: number): AsyncGenerator<NotificationDto[]> {
    let before: { createdAt: Date; id: string } | null = null;
    for (;;) {
      const query = this.notifications
        .createQueryBuilder('n')
        .where('n.userId = :userId', { userId })
        .orderBy('n.createdAt', 'DESC')
        .addOrderBy('n.id', 'DESC')
        .take(size);
      if (before) {
        query.andWhere('(n.createdAt < :at OR (n.createdAt = :at AND n.id < :id))', {
          at: before.createdAt,
          id: before.id,
        });
      }
      const rows = await query.getMany();
      if (rows.length === 0) return;
      yield rows.map(toDto);
      if (rows.length < size) return;
      const last = rows[rows.length - 1];
      before = { createdAt: last.createdAt, id: last.id };
    }
  }
}

function toDto(row: Notification): NotificationDto {
  return {
    id: row.id,
    kind: row.kind,
    data: row.data,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt ? row.readAt.toISOString() : null,
  };
}
