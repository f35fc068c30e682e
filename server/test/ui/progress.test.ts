import { describe, expect, it } from 'vitest';
import { countNewlines, csvRowsSoFar, elapsedSeconds } from '../../src/ui/client/progress.js';

/** What a long operation's status line counts: rows of a CSV as it arrives, seconds since it started. */
describe('progress', () => {
  it('counts CSV rows from the newlines received, header excluded', () => {
    const enc = new TextEncoder();
    const chunks = ['id,title\r\n1,Printer\n2,VP', 'N\n3,Mail\n'].map((c) => enc.encode(c));
    const newlines = chunks.reduce((n, c) => n + countNewlines(c), 0);
    expect(newlines).toBe(4);
    expect(csvRowsSoFar(newlines)).toBe(3);
    expect(csvRowsSoFar(0)).toBe(0);
  });

  it('says whole seconds since the start, never negative', () => {
    expect(elapsedSeconds(1000, 3999)).toBe(2);
    expect(elapsedSeconds(5000, 4000)).toBe(0);
  });
});
