import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';

/** The error envelope of API.md, as Swagger shows it on every route. */
export class ErrorEnvelopeDto {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'Bad Request', description: 'The HTTP reason phrase' })
  error!: string;

  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: ['username must be 3 to 20 letters, digits, _ or -'],
    description: 'A sentence, or one per failed rule for validation errors',
  })
  message!: string | string[];

  @ApiProperty({ example: '/api/auth/register' })
  path!: string;

  @ApiProperty({ example: '2026-01-01T12:00:00.000Z', format: 'date-time' })
  timestamp!: string;
}

const DEFAULT_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (validation errors list every failed rule)',
  401: 'Missing, malformed, expired or revoked credentials',
  403: 'Authenticated but not allowed',
  404: 'Unknown id',
  409: 'Conflicts with the current state',
  413: 'Payload too large',
  429: 'Rate limited; see the Retry-After header',
  503: 'Too busy hashing passwords right now; try again after the Retry-After header',
};

/** Answers that tell the client when to come back. */
const RETRY_AFTER = new Set([429, 503]);

/** Documents the given error answers, each with the envelope schema. */
export function ApiErrors(...statuses: number[]) {
  return applyDecorators(
    ApiExtraModels(ErrorEnvelopeDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DEFAULT_DESCRIPTIONS[status] ?? STATUS_CODES[status],
        schema: { $ref: getSchemaPath(ErrorEnvelopeDto) },
        ...(RETRY_AFTER.has(status)
          ? {
              headers: {
                'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } },
              },
            }
          : {}),
      }),
    ),
  );
}
