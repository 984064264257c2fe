import { Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, AuthUser, CurrentUser } from '../../common/decorators/auth.decorators';
import { IdParam } from '../../common/decorators/id-param.decorator';
import { ApiPageResponse, Page } from '../../common/pagination/pagination';
import { ApiErrors } from '../../common/swagger/error-envelope.dto';
import { NotificationDto, NotificationsQueryDto } from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Authenticated()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({
    summary: 'The caller’s notifications, newest first (`unread=true`: unread only)',
  })
  @ApiPageResponse(NotificationDto)
  @ApiErrors(400)
  list(
    @CurrentUser() me: AuthUser,
    @Query() query: NotificationsQueryDto,
  ): Promise<Page<NotificationDto>> {
    return this.notifications.list(me.userId, query);
  }

  @Post('read-all')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Mark every notification read' })
  @ApiNoContentResponse({ description: 'All read' })
  readAll(@CurrentUser() me: AuthUser): Promise<void> {
    return this.notifications.readAll(me.userId);
  }

  @Post(':id/read')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Mark one notification read' })
  @ApiNoContentResponse({ description: 'Read' })
  @ApiErrors(400, 404)
  read(@CurrentUser() me: AuthUser, @IdParam('id') id: string): Promise<void> {
    return this.notifications.read(me.userId, id);
  }
}
