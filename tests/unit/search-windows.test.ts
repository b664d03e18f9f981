import { searchRepo } from '@hubspoke/db';
import { describe, expect, it } from 'vitest';

/** How a search walks its id windows, over matches held in memory. */
describe('the windows of a search', () => {
  // 100,000 posts; the word is in every other one of the 5,000 oldest, and in no other.
  const matchesIn = (before: number, atLeast: number | undefined) => {
    const ids: Array<{ id: number }> = [];
    for (let id = Math.min(before - 1, 5_000); id >= (atLeast ?? 1); id--) if (id % 2 === 0) ids.push({ id });
    return ids;
  };

  it('widen past empty windows, switch from walking to the index, and give exactly the newest matches', async () => {
    const windows: Array<{ before: number; atLeast: number | undefined; way: searchRepo.Way }> = [];
    // The statistics say half of all posts hold the word, so the search starts walking.
    const found = await searchRepo.newestMatches(100_001, 1, 1_000, 0.5, 50_000, async (before, atLeast, take, way) => {
      windows.push({ before, atLeast, way });
      return matchesIn(before, atLeast).slice(0, take);
    });
    expect(found).toEqual(matchesIn(100_001, undefined).slice(0, 1_000));
    expect(windows.length).toBeGreaterThan(1);
    // Each window starts where the one before ended, the last one reaching as far as needed.
    for (const [i, w] of windows.slice(1).entries()) expect(w.before).toBe(windows[i]?.atLeast);
    expect(windows[0]?.way).toBe('walk');
    expect(windows.at(-1)?.way).toBe('index');
  });

  it('stop at the oldest post when there are fewer matches than wanted', async () => {
    let calls = 0;
    const found = await searchRepo.newestMatches(100_001, 1, 5_000, 0.5, 50_000, async (before, atLeast, take) => {
      calls++;
      return matchesIn(before, atLeast).slice(0, take);
    });
    expect(found).toHaveLength(2_500);
    expect(calls).toBeLessThan(10);
  });
});
