import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createApp } from './app.factory';
import { ArenaConfig, ConfigValidationError } from './config';

async function bootstrap(): Promise<void> {
  const app = await createApp();
  const { port, host } = app.get(ConfigService<ArenaConfig, true>).get('app', { infer: true });
  await app.listen(port, host);
  new Logger('Bootstrap').log(
    `Arena listening on ${await app.getUrl()} (API under /api, docs at /docs)`,
  );
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigValidationError) {
    process.stderr.write(`Arena cannot start. ${error.message}\n`);
  } else {
    process.stderr.write(
      `Arena failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
