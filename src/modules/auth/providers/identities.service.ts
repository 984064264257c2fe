/**
 * Identities: `(provider, subject) → account`. A sign-in with a known identity is that account;
 * with an unknown one it makes an account (a unique username from the provider's preferred
 * name; the email only if the provider vouches for it and nobody has it). An identity is never
 * joined to an existing account by its email: only a signed-in owner links one (`link`).
 */
import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, Not, Repository } from 'typeorm';
import { Clock } from '../../../common/clock/clock';
import { ACCOUNT_ERASING, AccountErasing } from '../../../common/events/account-erasure.events';
import { ConflictError, NotFoundError } from '../../../common/errors';
import { isCleanText } from '../../../common/validation/no-control-characters';
import { isUniqueViolation, Transactor } from '../../../database/transactor';
import { User } from '../../users/entities/user.entity';
import { usernameBase, usernameCandidates } from '../../users/usernames';
import { UsersService } from '../../users/users.service';
import { Identity } from '../entities/identity.entity';
import { SignInFlowError } from './provider-client';
import type { ProviderProfile } from './provider-profile';

export interface IdentityRecord {
  provider: string;
  subject: string;
  email: string | null;
  linkedAt: string;
}

@Injectable()
export class IdentitiesService {
  constructor(
    @InjectRepository(Identity) private readonly identities: Repository<Identity>,
    private readonly users: UsersService,
    private readonly transactor: Transactor,
    private readonly clock: Clock,
  ) {}

  /** The account this identity signs in to, made on its first sign-in. */
  async accountFor(provider: string, profile: ProviderProfile): Promise<User> {
    // Two first sign-ins racing for one identity, name or email: the unique indexes settle it,
    // and the second try finds what the first made.
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.transactor.run((manager) =>
          this.findOrCreate(manager, provider, profile),
        );
      } catch (error) {
        const raced = isUniqueViolation(error) || error instanceof ConflictError;
        if (!raced || attempt >= 3) throw error;
      }
    }
  }

  /**
   * Links the identity to `userId`. Already linked to that account: nothing to do. Linked to
   * another account: `identity_in_use`. The account already has another identity of this
   * provider: `already_linked` (unlink it first).
   */
  async link(userId: string, provider: string, profile: ProviderProfile): Promise<void> {
    try {
      await this.transactor.run(async (manager) => {
        const repo = manager.getRepository(Identity);
        const owner = await repo.findOneBy({ provider, subject: profile.subject });
        if (owner) {
          if (owner.userId === userId) return;
          throw new SignInFlowError('identity_in_use', 'This identity belongs to another account');
        }
        if (await repo.exists({ where: { userId, provider } })) {
          throw new SignInFlowError(
            'already_linked',
            `The account already has a ${provider} identity`,
          );
        }
        await this.insert(manager, userId, provider, profile);
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new SignInFlowError('identity_in_use', 'This identity was just linked elsewhere');
      }
      throw error;
    }
  }

  async list(userId: string): Promise<IdentityRecord[]> {
    const rows = await this.identities.find({
      where: { userId },
      // IDX_identities_user's order: no sort.
      order: { provider: 'ASC' },
    });
    return rows.map((row) => ({
      provider: row.provider,
      subject: row.subject,
      email: row.email,
      linkedAt: row.linkedAt.toISOString(),
    }));
  }

  /** 409 when it is the account's only way to sign in (no password, no other identity). */
  async unlink(userId: string, provider: string): Promise<void> {
    await this.transactor.run(async (manager) => {
      const repo = manager.getRepository(Identity);
      const identity = await repo.findOneBy({ userId, provider });
      if (!identity) throw new NotFoundError(`No ${provider} identity is linked to this account`);
      const user = await manager.getRepository(User).findOneByOrFail({ id: userId });
      const others = await repo.count({ where: { userId, provider: Not(provider) } });
      if (!user.passwordHash && others === 0) {
        throw new ConflictError(
          'This identity is the account’s only way to sign in: set a password or link another first',
        );
      }
      await repo.delete({ id: identity.id });
    });
  }

  /** Erasure: linked identities are personal data; they go, so the identity can sign up anew. */
  @OnEvent(ACCOUNT_ERASING, { suppressErrors: false })
  async forget({ userId, manager }: AccountErasing): Promise<void> {
    await manager.getRepository(Identity).delete({ userId });
  }

  private async findOrCreate(
    manager: EntityManager,
    provider: string,
    profile: ProviderProfile,
  ): Promise<User> {
    const known = await manager
      .getRepository(Identity)
      .findOne({ where: { provider, subject: profile.subject }, relations: { user: true } });
    if (known?.user) return known.user;
    const email =
      profile.email !== null &&
      profile.emailVerified &&
      (await this.users.isEmailFree(manager, profile.email))
        ? profile.email
        : null;
    const base = usernameBase(profile.preferredNames);
    const username = await this.users.firstFreeUsername(manager, usernameCandidates(base));
    if (username === null) throw new ConflictError('No free username could be found');
    const displayName = displayNameOf(profile.displayName) ?? username;
    const user = await this.users.create(manager, {
      username,
      email,
      passwordHash: null,
      displayName,
    });
    await this.insert(manager, user.id, provider, profile);
    return user;
  }

  private async insert(
    manager: EntityManager,
    userId: string,
    provider: string,
    profile: ProviderProfile,
  ): Promise<void> {
    await manager.getRepository(Identity).insert({
      id: randomUUID(),
      userId,
      provider,
      subject: profile.subject,
      email: profile.email,
      linkedAt: this.clock.date(),
    });
  }
}

/** A display name as Arena's rules allow it (1..32 characters, no controls), or null. */
function displayNameOf(name: string | null): string | null {
  const trimmed = name?.trim().slice(0, 32).trim();
  return trimmed && isCleanText(trimmed) ? trimmed : null;
}
