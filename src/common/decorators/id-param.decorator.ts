/**
 * `@IdParam('userId')`: a path id, which must be a UUID. Anything else is a 400 before any guard
 * lookup or query runs, never a 404 or a 500 (PostgreSQL would refuse it in a uuid column, SQLite
 * would look it up for nothing). The same decorator documents it in Swagger, as a `uuid` path
 * parameter with the 400 among the route's answers, so the check and its documentation can't
 * drift apart.
 */
import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { ValidationError } from '../errors';
import { ApiErrors } from '../swagger/error-envelope.dto';

export function IdParam(name = 'id'): ParameterDecorator {
  const message = `${name} must be a UUID`;
  const param = Param(
    name,
    // No version: any 8-4-4-4-12 hexadecimal id, as src/common/validation/uuid.ts says.
    new ParseUUIDPipe({ exceptionFactory: () => new ValidationError(message, [message]) }),
  );
  const docs = [ApiParam({ name, type: String, format: 'uuid' }), ApiErrors(400)];
  return (target, method, index) => {
    param(target, method, index);
    const descriptor =
      method === undefined ? undefined : Object.getOwnPropertyDescriptor(target, method);
    if (method === undefined || !descriptor) return;
    for (const doc of docs) doc(target, method, descriptor);
  };
}
