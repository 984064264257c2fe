import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { MatchesModule } from '../../matches/matches.module';
import { SocialModule } from '../../social/social.module';
import { UsersModule } from '../users.module';
import { PrivacyController } from './privacy.controller';
import { PrivacyService } from './privacy.service';

/** GDPR access and erasure: reads and clears records across the other modules. */
@Module({
  imports: [UsersModule, AuthModule, MatchesModule, SocialModule],
  controllers: [PrivacyController],
  providers: [PrivacyService],
})
export class PrivacyModule {}
