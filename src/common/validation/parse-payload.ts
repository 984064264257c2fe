/**
 * A plain value checked against a DTO class with the same class-validator rules as REST bodies:
 * unknown fields refused, and any failure a VALIDATION error that changes nothing. Socket
 * payloads and bodies a route validates after its path ids go through it.
 */
import type { ClassConstructor } from 'class-transformer';
import { plainToInstance } from 'class-transformer';
import { ValidationError as ClassValidationError, validateSync } from 'class-validator';
import { ValidationError } from '../errors';

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
