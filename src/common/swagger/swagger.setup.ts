import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, getSchemaPath, SwaggerModule } from '@nestjs/swagger';
import { addSharedErrorAnswers } from './error-answers';
import { ErrorEnvelopeDto } from './error-envelope.dto';
import { exactNullables } from './exact-nullables';

export const DOCS_PATH = 'docs';

/** Swagger UI at /docs and the OpenAPI JSON at /docs-json, in every environment. */
export function setupSwagger(app: NestFastifyApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Arena API')
    .setDescription(
      'The REST side of Arena, a real-time multiplayer Pong backend. Authenticated routes take ' +
        '`Authorization: Bearer <accessToken>` from register, login or refresh. Every error ' +
        'answers with the ErrorEnvelopeDto schema; lists answer `{ items, total, page, limit }`. ' +
        'Input is bounded before any other work: a JSON body nested deeper than 32 levels or ' +
        'holding more than 1,000 keys and array items in all, text holding U+0000 (body, path or ' +
        'query) and a path id that is not a UUID are answered 400.',
    )
    .setVersion('1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = addSharedErrorAnswers(
    exactNullables(SwaggerModule.createDocument(app, config, { extraModels: [ErrorEnvelopeDto] })),
    getSchemaPath(ErrorEnvelopeDto),
  );
  SwaggerModule.setup(DOCS_PATH, app, document, {
    jsonDocumentUrl: `${DOCS_PATH}-json`,
    customSiteTitle: 'Arena API',
  });
}
