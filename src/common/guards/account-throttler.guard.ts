/**
 * @nestjs/throttler counting per account instead of per address: for routes that guard an
 * account (erasing it, changing its password), where an attacker holding a stolen token could
 * otherwise spread guesses over many addresses. The bearer guard is global, so it has run and
 * set the caller before this route guard; a request without one never gets this far.
 */
import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { AuthUser } from '../decorators/auth.decorators';

@Injectable()
export class AccountThrottlerGuard extends ThrottlerGuard {
  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    const user = request.user as AuthUser | undefined;
    return user ? Promise.resolve(`account:${user.userId}`) : super.getTracker(request);
  }
}
