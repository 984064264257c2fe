import type { Event } from 'socket.io';
import { boundedEvents, boundedPayloads } from './payload-bounds';

function deep(levels: number): unknown {
  let value: unknown = {};
  for (let i = 1; i < levels; i++) value = { next: value };
  return value;
}

/** Runs one event through the middleware: was it passed on, and what did its ack get? */
function run(event: unknown[]) {
  const next = jest.fn();
  boundedEvents()(event as Event, next);
  return { passed: next.mock.calls.length === 1 && next.mock.calls[0].length === 0, next };
}

describe('boundedEvents', () => {
  const matchId = '3f1c2a9e-8b7d-4c6e-9a5b-0d1e2f3a4b5c';

  it('passes a bounded event on, with or without an ack, with or without a payload', () => {
    const ack = jest.fn();
    expect(run(['match:join', { matchId }, ack]).passed).toBe(true);
    expect(run(['game:input', { matchId, direction: 'up' }]).passed).toBe(true);
    expect(run(['queue:leave', ack]).passed).toBe(true);
    expect(run(['queue:leave']).passed).toBe(true);
    expect(ack).not.toHaveBeenCalled();
  });

  it.each([
    ['nested 33 levels', deep(33), /deeper than 32 levels/],
    ['holding 1,001 items', { aliases: Array.from({ length: 1000 }, () => 'a') }, /1000 keys/],
    ['holding U+0000', { matchId: 'a\u0000' }, /U\+0000/],
    ['with U+0000 in a key', { 'matchId\u0000': matchId }, /U\+0000/],
  ])('answers an event %s with VALIDATION and drops it', (_name, payload, message) => {
    const ack = jest.fn();
    const { passed, next } = run(['match:local', payload, ack]);
    expect(passed).toBe(false);
    expect(next).not.toHaveBeenCalled();
    expect(ack).toHaveBeenCalledWith({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(message) },
    });
  });

  it('drops a fire-and-forget event that breaks the bounds, silently', () => {
    const { next } = run(['game:input', { matchId: deep(5000), direction: 'up' }]);
    expect(next).not.toHaveBeenCalled();
  });

  it('walks extra payloads too, as one array', () => {
    const ack = jest.fn();
    expect(run(['match:join', { matchId }, 'a\u0000', ack]).passed).toBe(false);
    expect(ack).toHaveBeenCalledWith(expect.objectContaining({ ok: false }));
  });
});

describe('boundedPayloads', () => {
  it('puts the check on every socket it lets in', () => {
    const socket = { use: jest.fn() };
    const next = jest.fn();
    boundedPayloads()(socket, next);
    expect(socket.use).toHaveBeenCalledWith(expect.any(Function));
    expect(next).toHaveBeenCalledWith();
  });
});
