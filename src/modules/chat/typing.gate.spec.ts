import { ManualClock } from '../../common/clock/clock';
import { InMemoryTypingGate, TYPING_WINDOW_MS } from './typing.gate';

describe('InMemoryTypingGate', () => {
  it('admits once per window per user and conversation', async () => {
    const clock = new ManualClock();
    const gate = new InMemoryTypingGate(clock);
    await expect(gate.admit('u1', 'c1')).resolves.toBe(true);
    await expect(gate.admit('u1', 'c1')).resolves.toBe(false);
    await expect(gate.admit('u2', 'c1')).resolves.toBe(true);
    await expect(gate.admit('u1', 'c2')).resolves.toBe(true);
    clock.advance(TYPING_WINDOW_MS - 1);
    await expect(gate.admit('u1', 'c1')).resolves.toBe(false);
    clock.advance(1);
    await expect(gate.admit('u1', 'c1')).resolves.toBe(true);
  });
});
