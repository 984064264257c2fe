/**
 * A body validated after the route's path ids. Nest resolves a handler's parameters together,
 * so with a DTO parameter a bad body could answer before a bad path id; API.md wants "id must be
 * a UUID" for any route whose id is not one. Routes with a path id and a required body take the
 * body raw and check it here, with the same class-validator rules (unknown fields refused).
 */
import { ApiParam } from '@nestjs/swagger';
import type { ClassConstructor } from 'class-transformer';
import { ValidationError } from '../../common/errors';
import { isUuid } from '../../common/validation/uuid';
import { parsePayload } from '../../common/validation/parse-payload';

export function bodyAfterId<T extends object>(type: ClassConstructor<T>, raw: unknown): T {
  return parsePayload(type, raw ?? {});
}

/**
 * The second id of a path (`:userId` after a channel's `:id`), checked once the first one
 * passed, for the same reason: the first id's error is the one answered.
 */
export function uuidAfterId(name: string, value: string): string {
  if (!isUuid(value)) {
    const message = `${name} must be a UUID`;
    throw new ValidationError(message, [message]);
  }
  return value;
}

/** Swagger for that `:userId`: a uuid path parameter. */
export const MemberParam = () => ApiParam({ name: 'userId', type: String, format: 'uuid' });
