/**
 * The one check behind every bearer credential, for REST (the global guard) and sockets (the
 * handshakes): an access token (a JWT of a live session) or an API key (`arena_…`), held to what
 * the route or namespace requires of a key (see api-keys/key-access.ts).
 */
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/decorators/auth.decorators';
import { ForbiddenError } from '../../common/errors';
import type { SessionExpiryLookup } from '../../realtime/session-sockets';
import { ApiKeysService, isApiKey, keyIdOfSession } from './api-keys/api-keys.service';
import { keyMay, KeyRequirement } from './api-keys/key-access';
import { SessionsService } from './sessions.service';

@Injectable()
export class CredentialsService implements SessionExpiryLookup {
  constructor(
    private readonly sessions: SessionsService,
    private readonly apiKeys: ApiKeysService,
  ) {}

  /**
   * The caller of `token`: 401 when it is not a live credential, 403 when an API key lacks what
   * `requirement` asks (an access token may do anything its owner may), 429 past a key's rate.
   */
  async authenticate(token: string, requirement: KeyRequirement): Promise<AuthUser> {
    if (!isApiKey(token)) return this.sessions.verifyAccessToken(token);
    const caller = await this.apiKeys.authenticate(token);
    if (!keyMay(caller.apiKey?.scopes ?? [], requirement)) {
      throw new ForbiddenError(
        requirement === 'never'
          ? 'API keys may not manage the account: use an access token'
          : `This API key lacks the "${requirement}" scope`,
      );
    }
    return caller;
  }

  /** When the login or key a socket was opened with ends (epoch ms), or null if it has. */
  sessionExpiry(sessionId: string): Promise<number | null> {
    const keyId = keyIdOfSession(sessionId);
    return keyId === null ? this.sessions.sessionExpiry(sessionId) : this.apiKeys.expiry(keyId);
  }
}
