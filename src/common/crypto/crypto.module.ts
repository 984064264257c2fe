import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ArenaConfig, SecretsConfig } from '../../config';
import { parseEncryptionKey } from './encryption-key';
import { SecretCipher } from './secret-cipher';

/** The cipher of the configured keys (ENCRYPTION_KEY, then ENCRYPTION_KEY_PREVIOUS). */
export function secretCipherFor(secrets: SecretsConfig): SecretCipher {
  const bytes = (hex: string) => parseEncryptionKey(hex) as Buffer;
  return new SecretCipher(bytes(secrets.encryptionKey), secrets.previousKeys.map(bytes));
}

/** Secrets at rest: modules that store one import this and inject SecretCipher. */
@Module({
  providers: [
    {
      provide: SecretCipher,
      inject: [ConfigService],
      useFactory: (config: ConfigService<ArenaConfig, true>) =>
        secretCipherFor(config.get('secrets', { infer: true })),
    },
  ],
  exports: [SecretCipher],
})
export class CryptoModule {}
