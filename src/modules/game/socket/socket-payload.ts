/**
 * Socket payloads go through the same class-validator rules as REST bodies: unknown fields are
 * refused, and any failure is a VALIDATION error that changes nothing.
 */
import type { ClassConstructor } from 'class-transformer';
import { plainToInstance } from 'class-transformer';
import { ValidationError as ClassValidationError, validateSync } from 'class-validator';
import { DomainError, ValidationError } from '../../../common/errors';

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

export interface AckError {
  ok: false;
  error: { code: string; message: string };
}

/** The ack for a failed event: domain errors keep their code, anything else is INTERNAL. */
export function ackError(error: unknown): AckError {
  if (error instanceof DomainError) {
    return { ok: false, error: { code: error.code, message: error.message } };
  }
  return { ok: false, error: { code: 'INTERNAL', message: 'Internal server error' } };
}
