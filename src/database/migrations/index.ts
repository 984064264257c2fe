/** Every migration, oldest first. Listed explicitly so ts-node, Jest and dist/ all find them. */
import type { SecretCipher } from '../../common/crypto/secret-cipher';
import { CreateAccounts1764000000000 } from './1764000000000-CreateAccounts';
import { CreateMatches1764100000000 } from './1764100000000-CreateMatches';
import { CreateSocial1764200000000 } from './1764200000000-CreateSocial';
import { AddTwoFactor1764300000000 } from './1764300000000-AddTwoFactor';
import { CreateTournaments1764400000000 } from './1764400000000-CreateTournaments';
import { BoundedReads1764500000000 } from './1764500000000-BoundedReads';
import { LedgerCommitments1764600000000 } from './1764600000000-LedgerCommitments';
import { CreateMatchReplays1764750000000 } from './1764750000000-CreateMatchReplays';
import { SignInProviders1764800000000 } from './1764800000000-SignInProviders';
import { MatchHosts1764850000000 } from './1764850000000-MatchHosts';
import { CreateChat1764900000000 } from './1764900000000-CreateChat';
import { encryptTwoFactorSecrets } from './1764810000000-EncryptTwoFactorSecrets';

export const MIGRATIONS = [
  CreateAccounts1764000000000,
  CreateMatches1764100000000,
  CreateSocial1764200000000,
  AddTwoFactor1764300000000,
  CreateTournaments1764400000000,
  BoundedReads1764500000000,
  LedgerCommitments1764600000000,
  CreateMatchReplays1764750000000,
  SignInProviders1764800000000,
  MatchHosts1764850000000,
  CreateChat1764900000000,
];

/**
 * MIGRATIONS and those made for the configured key (sealing stored secrets), oldest first.
 * Without a cipher (a data source for a tool that never meets secrets), a migration that finds a
 * secret to seal fails with a clear message instead of guessing a key.
 */
export function migrationsFor(cipher: SecretCipher | null): (new () => object)[] {
  const timestamp = (migration: { name: string }) => Number(migration.name.slice(-13));
  return [...MIGRATIONS, encryptTwoFactorSecrets(cipher)].sort(
    (a, b) => timestamp(a) - timestamp(b),
  );
}
