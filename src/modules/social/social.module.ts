import { Global, Module } from '@nestjs/common';
import { InMemoryPresenceStore, PresenceStore } from './presence.store';

/** Presence now; friends and blocks join this module with the social issue. */
@Global()
@Module({
  providers: [{ provide: PresenceStore, useClass: InMemoryPresenceStore }],
  exports: [PresenceStore],
})
export class SocialModule {}
