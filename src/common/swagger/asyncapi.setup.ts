/**
 * `GET /asyncapi.json`: the AsyncAPI 3 document of `/game` and `/chat`, built once at start-up
 * from @arena/protocol's schemas (the ones the gateways' types and @arena/client come from), and
 * served beside `/docs-json`, outside `/api`, in every environment.
 */
import { buildAsyncApiDocument } from '@arena/protocol';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export const ASYNCAPI_PATH = '/asyncapi.json';

export function setupAsyncApi(app: NestFastifyApplication, publicUrl: string): void {
  const body = JSON.stringify(buildAsyncApiDocument({ publicUrl, version: '1.0' }));
  app
    .getHttpAdapter()
    .getInstance()
    .get(ASYNCAPI_PATH, (request, reply) => {
      void reply.type('application/json; charset=utf-8').send(body);
    });
}
