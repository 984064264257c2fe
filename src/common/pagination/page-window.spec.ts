import { pageWindow } from './page-window';

/** The rows a window reads, in page order, from a list 0..total-1. */
function pageRows(total: number, offset: number, limit: number): number[] {
  const window = pageWindow(total, offset, limit);
  if (!window) return [];
  const order = Array.from({ length: total }, (_, i) => i);
  if (window.reversed) order.reverse();
  const rows = order.slice(window.offset, window.offset + window.limit);
  return window.reversed ? rows.reverse() : rows;
}

describe('pageWindow', () => {
  it('reads the first half of a list forwards', () => {
    expect(pageWindow(100, 0, 20)).toEqual({ offset: 0, limit: 20, reversed: false });
    expect(pageWindow(100, 40, 20)).toEqual({ offset: 40, limit: 20, reversed: false });
  });

  it('reads the second half backwards, skipping only the rows after the page', () => {
    expect(pageWindow(100, 80, 20)).toEqual({ offset: 0, limit: 20, reversed: true });
    expect(pageWindow(500_000, 499_980, 20)).toEqual({ offset: 0, limit: 20, reversed: true });
    expect(pageWindow(100, 60, 20)).toEqual({ offset: 20, limit: 20, reversed: true });
  });

  it('shortens the last page and answers null past the end', () => {
    expect(pageWindow(95, 80, 20)).toEqual({ offset: 0, limit: 15, reversed: true });
    expect(pageWindow(100, 100, 20)).toBeNull();
    expect(pageWindow(0, 0, 20)).toBeNull();
    expect(pageWindow(100, 20_000_000, 20)).toBeNull();
  });

  it('gives exactly the rows of plain offset paging, for every page of many list sizes', () => {
    for (const total of [0, 1, 2, 19, 20, 21, 57, 100, 101]) {
      for (const limit of [1, 7, 20, 100]) {
        for (let offset = 0; offset <= total + limit; offset += limit) {
          const expected = Array.from({ length: total }, (_, i) => i).slice(offset, offset + limit);
          expect(pageRows(total, offset, limit)).toEqual(expected);
        }
      }
    }
  });

  it('never skips more than half the list', () => {
    for (let offset = 0; offset < 1000; offset += 20) {
      const window = pageWindow(1000, offset, 20);
      expect(window?.offset).toBeLessThanOrEqual(500);
    }
  });
});
