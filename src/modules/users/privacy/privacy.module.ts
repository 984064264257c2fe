import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { ChatModule } from '../../chat/chat.module';
import { MatchesModule } from '../../matches/matches.module';
import { NotificationsModule } from '../../notifications/notifications.module';
import { SocialModule } from '../../social/social.module';
import { UsersModule } from '../users.module';
import { PrivacyController } from './privacy.controller';
import { PrivacyService } from './privacy.service';

/** GDPR access and erasure: reads and clears records across the other modules. */
@Module({
  imports: [UsersModule, AuthModule, MatchesModule, SocialModule, ChatModule, NotificationsModule],
  controllers: [PrivacyController],
  providers: [PrivacyService],
})
export class PrivacyModule {}
