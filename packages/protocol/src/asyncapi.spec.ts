import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import {
  ackMessageKey,
  buildAsyncApiDocument,
  messageKey,
  NAMESPACES,
  type JsonObject,
} from './asyncapi';

const document = buildAsyncApiDocument({ publicUrl: 'https://arena.example', version: '1.2.3' });

describe('the AsyncAPI document', () => {
  it('is a valid AsyncAPI 3.0 document by the official parser', async () => {
    const { document: parsed, diagnostics } = await new Parser().parse(JSON.stringify(document));
    const errors = diagnostics.filter(
      (d) => (d.severity as number) === (DiagnosticSeverity.Error as number),
    );
    expect(errors.map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([]);
    expect(parsed?.version()).toBe('3.0.0');
    expect(
      parsed
        ?.channels()
        .all()
        .map((c) => c.address()),
    ).toEqual(['/game', '/chat']);
    // The parser resolved every reference: an ack's reply is the ack message.
    const join = parsed?.operations().get('game.receive.queue.join');
    expect(join?.action()).toBe('receive');
    expect(
      join
        ?.reply()
        ?.messages()
        .all()
        .map((m) => m.name()),
    ).toEqual(['queue:join:ack']);
  });

  it('has a message for every event of both namespaces and an ack for every acked one', () => {
    const channels = document.channels as Record<string, { messages: JsonObject }>;
    for (const namespace of NAMESPACES) {
      const messages = channels[namespace.id].messages;
      for (const [event, spec] of Object.entries(namespace.client)) {
        expect(messages[messageKey('client', event)]).toMatchObject({ name: event });
        expect(messages[ackMessageKey(event)] !== undefined).toBe(spec.ack !== null);
      }
      for (const event of Object.keys(namespace.server)) {
        expect(messages[messageKey('server', event)]).toMatchObject({ name: event });
      }
    }
    expect(Object.keys(channels.game.messages)).toContain('server.tournament.match-ready');
    expect(Object.keys(channels.chat.messages)).toEqual(
      expect.arrayContaining(['client.chat.typing', 'server.chat.typing', 'server.notification']),
    );
  });

  it('names shared schemas once, in components, and refers to them', () => {
    const schemas = (document.components as { schemas: JsonObject }).schemas;
    expect(Object.keys(schemas).sort()).toEqual(
      [
        'AckFailure',
        'GameConfig',
        'LiveMatch',
        'MatchState',
        'Message',
        'Notification',
        'PublicProfile',
        'Score',
      ].sort(),
    );
    expect(JSON.stringify(document)).not.toContain('"$id"');
    type Channels = Record<string, { messages: Record<string, { payload: JsonObject }> }>;
    const found = (document.channels as Channels).game.messages['server.match.found'].payload;
    const properties = found.properties as JsonObject;
    expect(properties.config).toEqual({ $ref: '#/components/schemas/GameConfig' });
    expect(found.additionalProperties).toBe(false);
  });

  it('takes the server address from the public URL', () => {
    type Servers = { arena: JsonObject };
    expect((document.servers as Servers).arena).toMatchObject({
      host: 'arena.example',
      protocol: 'wss',
    });
    const local = buildAsyncApiDocument({ publicUrl: 'http://localhost:3000', version: '1' });
    expect((local.servers as Servers).arena).toMatchObject({
      host: 'localhost:3000',
      protocol: 'ws',
    });
  });
});
