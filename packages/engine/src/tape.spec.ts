import { TapeInput, TapeRecorder } from './tape';

describe('TapeRecorder', () => {
  it('records each side only when its intent changes', () => {
    const recorder = new TapeRecorder();
    recorder.record(1, { left: 'stop', right: 'stop' });
    recorder.record(2, { left: 'up', right: 'stop' });
    recorder.record(3, { left: 'up', right: 'down' });
    recorder.record(4, { left: 'stop', right: 'down' });
    expect(recorder.inputs()).toEqual([
      [2, 'left', 'up'],
      [3, 'right', 'down'],
      [4, 'left', 'stop'],
    ]);
  });

  it('resumes a tape recorded elsewhere and carries on exactly as the original would', () => {
    const original = new TapeRecorder();
    const steps: [number, 'up' | 'down' | 'stop', 'up' | 'down' | 'stop'][] = [
      [1, 'up', 'stop'],
      [2, 'up', 'down'],
      [3, 'stop', 'down'],
      [4, 'stop', 'down'],
      [5, 'down', 'up'],
      [6, 'down', 'up'],
    ];
    for (const [tick, left, right] of steps.slice(0, 3)) original.record(tick, { left, right });
    const handedOver: TapeInput[] = original.inputs();
    const resumed = TapeRecorder.resume(handedOver);
    expect(resumed.inputs()).toEqual(handedOver);
    for (const [tick, left, right] of steps.slice(3)) {
      original.record(tick, { left, right });
      resumed.record(tick, { left, right });
    }
    expect(resumed.inputs()).toEqual(original.inputs());
    expect(resumed.length).toBe(original.length);
  });
});
