/** argon2id password hashing with OWASP's minimum cost (19 MiB, 2 passes, 1 lane). */
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import * as argon2 from 'argon2';
import type { ArenaConfig } from '../../config';

@Injectable()
export class PasswordHasher {
  private readonly options: argon2.HashOptions & { raw?: false };
  private dummyHash?: Promise<string>;

  constructor(config: ConfigService<ArenaConfig, true>) {
    const auth = config.get('auth', { infer: true });
    this.options = {
      type: argon2.argon2id,
      memoryCost: auth.argon2MemoryKiB,
      timeCost: auth.argon2TimeCost,
      parallelism: 1,
    };
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, this.options);
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /** True when the hash was made with weaker settings than today's and should be redone. */
  needsRehash(hash: string): boolean {
    try {
      return argon2.needsRehash(hash, this.options);
    } catch {
      return true;
    }
  }

  /**
   * Spends the time of a real verification, so a login for an unknown user takes as long as a
   * wrong password and response times don't reveal which accounts exist.
   */
  async burn(password: string): Promise<void> {
    this.dummyHash ??= argon2.hash('arena-timing-equaliser', this.options);
    await this.verify(await this.dummyHash, password);
  }
}
