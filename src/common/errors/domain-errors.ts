/**
 * Domain errors: services throw these, never HTTP exceptions, so the REST filter and the
 * Socket.IO gateway can map the same error to their own envelope by its stable `code`.
 */
export type ErrorCode =
  | 'VALIDATION'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'BLOCKED'
  | 'ALREADY_IN_QUEUE'
  | 'ALREADY_IN_MATCH'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNAVAILABLE'
  | 'INTERNAL';

export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad input. With `details` (one per broken rule) REST answers them as a list, else as a sentence. */
export class ValidationError extends DomainError {
  readonly code = 'VALIDATION';
  constructor(
    message: string,
    readonly details?: string[],
  ) {
    super(message);
  }
}

export class UnauthorizedError extends DomainError {
  readonly code = 'UNAUTHORIZED';
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
}

export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
}

export class BlockedError extends DomainError {
  readonly code = 'BLOCKED';
}

export class AlreadyInQueueError extends DomainError {
  readonly code = 'ALREADY_IN_QUEUE';
}

export class AlreadyInMatchError extends DomainError {
  readonly code = 'ALREADY_IN_MATCH';
}

/** Too many requests; over HTTP, `retryAfterSeconds` becomes the `Retry-After` header. */
export class RateLimitedError extends DomainError {
  readonly code = 'RATE_LIMITED';
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export class PayloadTooLargeError extends DomainError {
  readonly code = 'PAYLOAD_TOO_LARGE';
}

/**
 * The server is busy with work of this kind (argon2 checks queued past their bound): nothing is
 * wrong with the request, try it again after `retryAfterSeconds`.
 */
export class UnavailableError extends DomainError {
  readonly code = 'UNAVAILABLE';
  constructor(
    message: string,
    readonly retryAfterSeconds = 1,
  ) {
    super(message);
  }
}

/** HTTP status of each code; the gateway ignores it and sends the code itself. */
export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  BLOCKED: 403,
  ALREADY_IN_QUEUE: 409,
  ALREADY_IN_MATCH: 409,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};
