import { InputSequencer } from './input-sequencer';

describe('InputSequencer', () => {
  it('numbers each change of intent from 1 and sends nothing when the intent is unchanged', () => {
    const inputs = new InputSequencer();
    expect(inputs.press('stop', 0)).toBeNull();
    expect(inputs.press('up', 10)).toEqual({ seq: 1, direction: 'up', at: 10 });
    expect(inputs.press('up', 20)).toBeNull();
    expect(inputs.press('down', 30)).toEqual({ seq: 2, direction: 'down', at: 30 });
    expect(inputs.press('stop', 40)).toEqual({ seq: 3, direction: 'stop', at: 40 });
    expect(inputs.pending.map((input) => input.seq)).toEqual([1, 2, 3]);
    expect(inputs.direction).toBe('stop');
  });

  it('drops what the server applied, and remembers the direction in force there', () => {
    const inputs = new InputSequencer();
    inputs.press('up', 0);
    inputs.press('down', 5);
    inputs.press('stop', 9);
    inputs.acknowledge(0);
    expect(inputs.pending).toHaveLength(3);
    expect(inputs.appliedDirection).toBe('stop');
    inputs.acknowledge(2);
    expect(inputs.pending).toEqual([{ seq: 3, direction: 'stop', at: 9 }]);
    expect(inputs.appliedDirection).toBe('down');
    // An old acknowledgement arriving late changes nothing.
    inputs.acknowledge(1);
    expect(inputs.pending).toHaveLength(1);
    expect(inputs.appliedDirection).toBe('down');
    inputs.acknowledge(3);
    expect(inputs.pending).toEqual([]);
    expect(inputs.appliedDirection).toBe('stop');
  });

  it('keeps numbering after a reset, and sends the next press even if it repeats', () => {
    const inputs = new InputSequencer();
    inputs.press('up', 0);
    inputs.reset();
    expect(inputs.pending).toEqual([]);
    expect(inputs.appliedDirection).toBe('stop');
    expect(inputs.press('up', 50)).toEqual({ seq: 2, direction: 'up', at: 50 });
  });
});
