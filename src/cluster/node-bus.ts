/**
 * Messages between nodes, for the work that must happen where a live match runs (its owner): an
 * input, a player joining, a match handed over by a draining node. `send` is fire-and-forget;
 * `request` waits for the handler's answer (or its domain error, re-thrown with the same code)
 * at most `timeoutMs`. A message to this node itself is handled here without a round trip, so
 * one node alone never needs Redis; on several nodes each node has its own Redis channel.
 */
import {
  AlreadyInMatchError,
  AlreadyInQueueError,
  BlockedError,
  ConflictError,
  DomainError,
  ErrorCode,
  ForbiddenError,
  NotFoundError,
  UnavailableError,
  ValidationError,
} from '../common/errors';

export type BusHandler = (payload: never, from: string) => unknown;

/** The answer of a request, as it travels. */
export type BusReply = { ok: true; value: unknown } | { ok: false; code: ErrorCode; message: string };

/** The default wait of a request. */
export const REQUEST_TIMEOUT_MS = 3000;

const ERRORS: Partial<Record<ErrorCode, new (message: string) => DomainError>> = {
  VALIDATION: ValidationError,
  FORBIDDEN: ForbiddenError,
  NOT_FOUND: NotFoundError,
  CONFLICT: ConflictError,
  BLOCKED: BlockedError,
  ALREADY_IN_QUEUE: AlreadyInQueueError,
  ALREADY_IN_MATCH: AlreadyInMatchError,
  UNAVAILABLE: UnavailableError,
};

/** A domain error crosses as its code and message; anything else as an unavailable node. */
export function toReply(outcome: PromiseSettledResult<unknown>): BusReply {
  if (outcome.status === 'fulfilled') return { ok: true, value: outcome.value ?? null };
  const error: unknown = outcome.reason;
  if (error instanceof DomainError && ERRORS[error.code]) {
    return { ok: false, code: error.code, message: error.message };
  }
  return { ok: false, code: 'UNAVAILABLE', message: 'The node running this could not answer' };
}

export function fromReply<T>(reply: BusReply): T {
  if (reply.ok) return reply.value as T;
  const ErrorClass = ERRORS[reply.code] ?? UnavailableError;
  throw new ErrorClass(reply.message);
}

export abstract class NodeBus {
  protected readonly handlers = new Map<string, BusHandler>();

  constructor(readonly nodeId: string) {}

  /** Registers what this node does with `topic` (one handler per topic). */
  handle<P>(topic: string, handler: (payload: P, from: string) => unknown): void {
    if (this.handlers.has(topic)) throw new Error(`Bus topic ${topic} already handled`);
    this.handlers.set(topic, handler);
  }

  /** Fire-and-forget; lost quietly if the node is gone. */
  send(nodeId: string, topic: string, payload: unknown): void {
    if (nodeId === this.nodeId) {
      void this.settle(topic, payload, this.nodeId);
      return;
    }
    this.sendRemote(nodeId, topic, payload);
  }

  /** The handler's answer on `nodeId`; its domain errors keep their code. */
  async request<T>(
    nodeId: string,
    topic: string,
    payload: unknown,
    timeoutMs = REQUEST_TIMEOUT_MS,
  ): Promise<T> {
    const reply =
      nodeId === this.nodeId
        ? await this.settle(topic, payload, this.nodeId)
        : await this.requestRemote(nodeId, topic, payload, timeoutMs);
    return fromReply<T>(reply);
  }

  /** Runs the local handler of `topic` and packs its outcome. */
  protected async settle(topic: string, payload: unknown, from: string): Promise<BusReply> {
    const handler = this.handlers.get(topic);
    if (!handler) {
      return { ok: false, code: 'UNAVAILABLE', message: `No handler for ${topic} on this node` };
    }
    const [outcome] = await Promise.allSettled([
      Promise.resolve().then(() => handler(payload as never, from)),
    ]);
    return toReply(outcome);
  }

  protected abstract sendRemote(nodeId: string, topic: string, payload: unknown): void;
  protected abstract requestRemote(
    nodeId: string,
    topic: string,
    payload: unknown,
    timeoutMs: number,
  ): Promise<BusReply>;
}

/** One node: every message is for itself. */
export class LocalNodeBus extends NodeBus {
  protected sendRemote(): void {
    // no other node
  }

  protected requestRemote(nodeId: string): Promise<BusReply> {
    return Promise.resolve({
      ok: false,
      code: 'UNAVAILABLE',
      message: `Node ${nodeId} is not part of this cluster`,
    });
  }
}
