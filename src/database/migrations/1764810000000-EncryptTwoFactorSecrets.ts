import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SecretCipher } from '../../common/crypto/secret-cipher';
import { twoFactorSecretContext } from '../../modules/auth/two-factor-secret';

const BATCH = 500;

interface SecretRow {
  id: string;
  twoFactorSecret: string;
}

/**
 * TOTP secrets were stored in clear: seal each one with ENCRYPTION_KEY (see SecretCipher); `down`
 * opens them again. The cipher comes from the configuration (see `migrationsFor`), so this
 * migration is made per key rather than listed as a plain class.
 */
export function encryptTwoFactorSecrets(cipher: SecretCipher | null) {
  return class EncryptTwoFactorSecrets1764810000000 implements MigrationInterface {
    name = 'EncryptTwoFactorSecrets1764810000000';

    async up(runner: QueryRunner): Promise<void> {
      await rewrite(runner, (row) =>
        SecretCipher.isSealed(row.twoFactorSecret)
          ? null
          : needed(cipher).seal(row.twoFactorSecret, twoFactorSecretContext(row.id)),
      );
    }

    async down(runner: QueryRunner): Promise<void> {
      await rewrite(runner, (row) =>
        SecretCipher.isSealed(row.twoFactorSecret)
          ? needed(cipher).open(row.twoFactorSecret, twoFactorSecretContext(row.id))
          : null,
      );
    }
  };
}

function needed(cipher: SecretCipher | null): SecretCipher {
  if (!cipher) {
    throw new Error(
      'Encrypting TOTP secrets needs ENCRYPTION_KEY: the data source was built without it',
    );
  }
  return cipher;
}

/** Every stored secret, by id order in batches; `change` answers the new value or null to keep it. */
async function rewrite(
  runner: QueryRunner,
  change: (row: SecretRow) => string | null,
): Promise<void> {
  const q = (name: string) => runner.connection.driver.escape(name);
  let after = '';
  for (;;) {
    const rows = await runner.manager
      .createQueryBuilder()
      .select(q('id'), 'id')
      .addSelect(q('twoFactorSecret'), 'twoFactorSecret')
      .from('users', 'u')
      .where(`${q('twoFactorSecret')} IS NOT NULL`)
      .andWhere(`${q('id')} > :after`, { after })
      .orderBy(q('id'))
      .limit(BATCH)
      .getRawMany<SecretRow>();
    for (const row of rows) {
      const value = change(row);
      if (value === null) continue;
      await runner.manager
        .createQueryBuilder()
        .update('users')
        .set({ twoFactorSecret: value })
        .where(`${q('id')} = :id`, { id: row.id })
        .execute();
    }
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1].id;
  }
}
