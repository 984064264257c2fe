import { HeldKeys, keyIntent } from './keyboard';

describe('keyIntent', () => {
  it('moves the own paddle with W/S or the arrows online', () => {
    expect(keyIntent('w', 'right')).toEqual({ side: 'right', move: 'up' });
    expect(keyIntent('ArrowDown', 'left')).toEqual({ side: 'left', move: 'down' });
    expect(keyIntent('x', 'left')).toBeNull();
  });

  it('splits the keyboard in a local match: W/S left, arrows right', () => {
    expect(keyIntent('S', 'both')).toEqual({ side: 'left', move: 'down' });
    expect(keyIntent('ArrowUp', 'both')).toEqual({ side: 'right', move: 'up' });
    expect(keyIntent('Enter', 'both')).toBeNull();
  });
});

describe('HeldKeys', () => {
  it('follows the last key still held', () => {
    const keys = new HeldKeys();
    expect(keys.press('up')).toBe('up');
    expect(keys.press('down')).toBe('down');
    expect(keys.release('down')).toBe('up');
    expect(keys.release('up')).toBe('stop');
    keys.press('down');
    keys.clear();
    expect(keys.direction).toBe('stop');
  });
});
