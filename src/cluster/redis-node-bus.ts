/**
 * The node bus over Redis pub/sub: every node subscribes to its own channel
 * `arena:bus:<nodeId>`; a request carries an id and the asker's node, and the answer comes back
 * on the asker's channel. Pub/sub keeps nothing: a message to a node that is gone is lost, which
 * is what a fire-and-forget input should be, and a request to it times out.
 */
import { Logger, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { BusReply, NodeBus } from './node-bus';
import { KEY_PREFIX, RedisClients } from './redis-clients';

export const busChannel = (nodeId: string) => `${KEY_PREFIX}bus:${nodeId}`;

interface Envelope {
  /** The topic; absent on an answer. */
  t?: string;
  p?: unknown;
  /** The sender's node. */
  f: string;
  /** A request's id (on the request and on its answer). */
  r?: string;
  a?: BusReply;
}

interface Pending {
  resolve: (reply: BusReply) => void;
  timer: NodeJS.Timeout;
}

export class RedisNodeBus extends NodeBus implements OnModuleInit {
  private readonly logger = new Logger('NodeBus');
  private readonly pending = new Map<string, Pending>();
  private readonly channel: string;

  constructor(
    private readonly clients: RedisClients,
    nodeId: string,
  ) {
    super(nodeId);
    this.channel = busChannel(nodeId);
  }

  async onModuleInit(): Promise<void> {
    this.clients.subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.receive(message);
    });
    await this.clients.subscriber.subscribe(this.channel);
  }

  protected sendRemote(nodeId: string, topic: string, payload: unknown): void {
    this.publish(nodeId, { t: topic, p: payload, f: this.nodeId }).catch((error: unknown) =>
      this.logger.warn(`${topic} to ${nodeId} not sent: ${String(error)}`),
    );
  }

  protected requestRemote(
    nodeId: string,
    topic: string,
    payload: unknown,
    timeoutMs: number,
  ): Promise<BusReply> {
    const id = randomUUID();
    return new Promise<BusReply>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ ok: false, code: 'UNAVAILABLE', message: `Node ${nodeId} did not answer` });
      }, timeoutMs);
      this.pending.set(id, { resolve, timer });
      this.publish(nodeId, { t: topic, p: payload, f: this.nodeId, r: id }).catch(() => {
        clearTimeout(timer);
        this.pending.delete(id);
        resolve({ ok: false, code: 'UNAVAILABLE', message: 'The cluster is unreachable' });
      });
    });
  }

  private async publish(nodeId: string, envelope: Envelope): Promise<void> {
    await this.clients.command.publish(busChannel(nodeId), JSON.stringify(envelope));
  }

  private receive(message: string): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(message) as Envelope;
    } catch {
      this.logger.warn('A malformed bus message was ignored');
      return;
    }
    if (envelope.t === undefined) {
      const waiting = envelope.r ? this.pending.get(envelope.r) : undefined;
      if (!waiting || !envelope.a) return;
      clearTimeout(waiting.timer);
      this.pending.delete(envelope.r as string);
      waiting.resolve(envelope.a);
      return;
    }
    const { t: topic, p: payload, f: from, r: id } = envelope;
    void this.settle(topic, payload, from).then((reply) => {
      if (!id) return;
      this.publish(from, { f: this.nodeId, r: id, a: reply }).catch((error: unknown) =>
        this.logger.warn(`Answer to ${from} not sent: ${String(error)}`),
      );
    });
  }
}
