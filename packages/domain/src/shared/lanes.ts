/**
 * Runs `work` on every item, at most `concurrency` at once, taking the items in order as lanes
 * come free (mails over a pool of SMTP connections, for one).
 */
export async function inLanes<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) await work(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
}
