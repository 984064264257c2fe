/**
 * The AsyncAPI 3 document of Arena's sockets, built from the schema catalogues (the same ones
 * the event maps come from), so it cannot drift from what the code sends and accepts.
 *
 * Socket.IO namespaces are channels (`/game`, `/chat`); each Socket.IO event is a message whose
 * `name` is the event's name. Operations are seen from Arena's side: `receive` for what a client
 * emits (with a `reply`, the acknowledgement, when it answers one), `send` for what Arena emits.
 * Named schemas (those with a `$id`) become `components.schemas` entries and are referenced.
 */
import type { TSchema } from '@sinclair/typebox';
import { CHAT_CLIENT_EVENTS, CHAT_SERVER_EVENTS } from './chat.schemas';
import type { ClientCatalogue, ServerCatalogue } from './event-maps';
import { GAME_CLIENT_EVENTS, GAME_SERVER_EVENTS } from './game.schemas';

export type JsonObject = { [key: string]: unknown };

export interface SocketNamespace {
  /** The channel id in the document: `game` or `chat`. */
  id: string;
  /** The Socket.IO namespace. */
  address: string;
  description: string;
  client: ClientCatalogue;
  server: ServerCatalogue;
}

export const NAMESPACES: readonly SocketNamespace[] = [
  {
    id: 'game',
    address: '/game',
    description:
      'Matchmaking, challenges, live matches (players and spectators), tournament calls and ' +
      'presence. Every client event but `game:input` is acknowledged.',
    client: GAME_CLIENT_EVENTS,
    server: GAME_SERVER_EVENTS,
  },
  {
    id: 'chat',
    address: '/chat',
    description:
      "Messages, typing, read marks and membership of the caller's conversations, and live " +
      'notifications. Every client event but `chat:typing` is acknowledged.',
    client: CHAT_CLIENT_EVENTS,
    server: CHAT_SERVER_EVENTS,
  },
];

export type MessageDirection = 'client' | 'server';

/** The key of an event's message in its channel: `client.queue.join`, `server.match.found`. */
export function messageKey(direction: MessageDirection, event: string): string {
  return `${direction}.${event.replace(/:/g, '.')}`;
}

/** The key of the acknowledgement message of a client event: `client.queue.join.ack`. */
export function ackMessageKey(event: string): string {
  return `${messageKey('client', event)}.ack`;
}

/** A JSON copy of a TypeBox schema with every named sub-schema moved to `components.schemas`. */
function toDocumentSchema(schema: TSchema, components: JsonObject): JsonObject {
  const plain = JSON.parse(JSON.stringify(schema)) as JsonObject;
  const hoist = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(hoist);
    if (node === null || typeof node !== 'object') return node;
    const entries = Object.entries(node as JsonObject).map(([key, value]) => [key, hoist(value)]);
    const copy = Object.fromEntries(entries) as JsonObject;
    const id = copy.$id;
    if (typeof id !== 'string') return copy;
    delete copy.$id;
    const known = components[id];
    if (known !== undefined && JSON.stringify(known) !== JSON.stringify(copy)) {
      throw new Error(`Two different schemas are named ${id}`);
    }
    components[id] = copy;
    return { $ref: `#/components/schemas/${id}` };
  };
  return hoist(plain) as JsonObject;
}

export interface AsyncApiOptions {
  /** Where clients connect, e.g. `http://localhost:3000` (its host and scheme). */
  publicUrl: string;
  /** The document's `info.version`. */
  version: string;
}

export function buildAsyncApiDocument(options: AsyncApiOptions): JsonObject {
  const url = new URL(options.publicUrl);
  const schemas: JsonObject = {};
  const channels: JsonObject = {};
  const operations: JsonObject = {};

  for (const namespace of NAMESPACES) {
    const messages: JsonObject = {};
    const messageRef = (key: string) => ({ $ref: `#/channels/${namespace.id}/messages/${key}` });
    const channelRef = { $ref: `#/channels/${namespace.id}` };

    for (const [event, spec] of Object.entries(namespace.client)) {
      const key = messageKey('client', event);
      messages[key] = {
        name: event,
        title: event,
        summary: `${event}, emitted by the client`,
        ...(spec.payload ? { payload: toDocumentSchema(spec.payload, schemas) } : {}),
      };
      const operation: JsonObject = {
        action: 'receive',
        channel: channelRef,
        summary: spec.ack ? `${event} (acknowledged)` : `${event} (fire-and-forget, no ack)`,
        messages: [messageRef(key)],
      };
      if (spec.ack) {
        const ackKey = ackMessageKey(event);
        messages[ackKey] = {
          name: `${event}:ack`,
          title: `${event} acknowledgement`,
          summary: `The acknowledgement of ${event}: { ok: true, ... } or { ok: false, error }`,
          payload: toDocumentSchema(spec.ack, schemas),
        };
        operation.reply = { channel: channelRef, messages: [messageRef(ackKey)] };
      }
      operations[`${namespace.id}.receive.${event.replace(/:/g, '.')}`] = operation;
    }

    for (const [event, payload] of Object.entries(namespace.server)) {
      const key = messageKey('server', event);
      messages[key] = {
        name: event,
        title: event,
        summary: `${event}, emitted by Arena`,
        payload: toDocumentSchema(payload, schemas),
      };
      operations[`${namespace.id}.send.${event.replace(/:/g, '.')}`] = {
        action: 'send',
        channel: channelRef,
        messages: [messageRef(key)],
      };
    }

    channels[namespace.id] = {
      address: namespace.address,
      title: namespace.address,
      description: namespace.description,
      servers: [{ $ref: '#/servers/arena' }],
      messages,
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Arena sockets',
      version: options.version,
      description:
        'The Socket.IO (v4) protocol of Arena: one channel per namespace, one message per event. ' +
        'Connect with `io(BASE + namespace, { auth: { token } })`; a missing or bad token fails ' +
        'with `connect_error` `unauthorized`. Client events answer through the Socket.IO ' +
        "acknowledgement callback (the operation's reply). Times are epoch milliseconds.",
    },
    defaultContentType: 'application/json',
    servers: {
      arena: {
        host: url.host,
        protocol: url.protocol === 'https:' ? 'wss' : 'ws',
        pathname: '/socket.io',
        description: 'Socket.IO over WebSocket (or HTTP long-polling)',
        security: [{ $ref: '#/components/securitySchemes/token' }],
      },
    },
    channels,
    operations,
    components: {
      schemas,
      securitySchemes: {
        token: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'An access token (or an API key with the `play` scope), sent as `auth: { token }` ' +
            'in the Socket.IO handshake',
        },
      },
    },
  };
}
