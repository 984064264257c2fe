/**
 * Socket payloads go through the same class-validator rules as REST bodies: unknown fields are
 * refused, and any failure is a VALIDATION error that changes nothing.
 */
import type { AckFailure } from '@arena/protocol';
import type { ClassConstructor } from 'class-transformer';
import { plainToInstance } from 'class-transformer';
import { ValidationError as ClassValidationError, validateSync } from 'class-validator';
import { DomainError, ValidationError } from '../../../common/errors';
import { isUuid } from '../../../common/validation/uuid';
import { GameInputDto } from '../dto/game-events.dto';

function messagesOf(errors: ClassValidationError[]): string[] {
  return errors.flatMap((error) => [
    ...Object.values(error.constraints ?? {}),
    ...messagesOf(error.children ?? []),
  ]);
}

export function parsePayload<T extends object>(type: ClassConstructor<T>, raw: unknown): T {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ValidationError('payload must be an object');
  }
  const payload = plainToInstance(type, raw);
  const errors = validateSync(payload, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    const messages = messagesOf(errors);
    throw new ValidationError(messages.join('; '), messages);
  }
  return payload;
}

/** `{ ok: false, error }`, its codes as the protocol lists them (every domain error's code). */
export type AckError = AckFailure;

/** The ack for a failed event: domain errors keep their code, anything else is INTERNAL. */
export function ackError(error: unknown): AckError {
  if (error instanceof DomainError) {
    return { ok: false, error: { code: error.code, message: error.message } };
  }
  return { ok: false, error: { code: 'INTERNAL', message: 'Internal server error' } };
}

const DIRECTIONS: ReadonlySet<unknown> = new Set(['up', 'down', 'stop']);
const SIDES: ReadonlySet<unknown> = new Set(['left', 'right']);
const INPUT_KEYS: ReadonlySet<string> = new Set(['matchId', 'direction', 'seq', 'side']);

/**
 * `game:input` checked by hand, for its rate (up to 120 a second per socket): the same rules as
 * GameInputDto through parsePayload, without building validation metadata per message. null for
 * anything parsePayload would refuse.
 */
export function parseGameInput(raw: unknown): GameInputDto | null {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const body = raw as Record<string, unknown>;
  for (const key of Object.keys(body)) if (!INPUT_KEYS.has(key)) return null;
  const { matchId, direction, seq, side } = body;
  if (!isUuid(matchId)) return null;
  if (!DIRECTIONS.has(direction)) return null;
  if (seq != null && (!Number.isSafeInteger(seq) || (seq as number) < 0)) return null;
  if (side != null && !SIDES.has(side)) return null;
  const input = new GameInputDto();
  input.matchId = matchId;
  input.direction = direction as GameInputDto['direction'];
  if (seq != null) input.seq = seq as number;
  if (side != null) input.side = side as GameInputDto['side'];
  return input;
}
