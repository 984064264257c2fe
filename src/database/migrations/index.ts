/** Every migration, oldest first. Listed explicitly so ts-node, Jest and dist/ all find them. */
import { CreateAccounts1764000000000 } from './1764000000000-CreateAccounts';
import { CreateMatches1764100000000 } from './1764100000000-CreateMatches';
import { CreateSocial1764200000000 } from './1764200000000-CreateSocial';
import { AddTwoFactor1764300000000 } from './1764300000000-AddTwoFactor';
import { CreateTournaments1764400000000 } from './1764400000000-CreateTournaments';
import { BoundedReads1764500000000 } from './1764500000000-BoundedReads';
import { LedgerCommitments1764600000000 } from './1764600000000-LedgerCommitments';
import { CreateMatchReplays1764750000000 } from './1764750000000-CreateMatchReplays';

export const MIGRATIONS = [
  CreateAccounts1764000000000,
  CreateMatches1764100000000,
  CreateSocial1764200000000,
  AddTwoFactor1764300000000,
  CreateTournaments1764400000000,
  BoundedReads1764500000000,
  LedgerCommitments1764600000000,
  CreateMatchReplays1764750000000,
];
