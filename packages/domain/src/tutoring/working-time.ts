/**
 * Time arithmetic that can skip weekends in a given time zone (tutors work Monday to Friday,
 * in Europe/Rome by default). With `workingDaysOnly` false it is plain wall-clock time.
 */
export interface WorkingTime {
  workingDaysOnly: boolean;
  timeZone: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function parts(date: Date, timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(date).map((x) => [x.type, x.value]));
  return {
    weekday: p.weekday,
    y: Number(p.year),
    m: Number(p.month),
    d: Number(p.day),
    h: Number(p.hour),
    min: Number(p.minute),
    s: Number(p.second),
  };
}

/** Milliseconds the zone is ahead of UTC at that instant. */
function offset(date: Date, timeZone: string): number {
  const p = parts(date, timeZone);
  return Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s) - Math.floor(date.getTime() / 1000) * 1000;
}

/** The next local midnight after `date` (correct across daylight-saving changes). */
function nextMidnight(date: Date, timeZone: string): Date {
  const p = parts(date, timeZone);
  const localMidnight = Date.UTC(p.y, p.m - 1, p.d + 1);
  const guess = localMidnight - offset(date, timeZone);
  return new Date(localMidnight - offset(new Date(guess), timeZone));
}

const isWeekend = (date: Date, timeZone: string) => {
  const day = parts(date, timeZone).weekday;
  return day === 'Sat' || day === 'Sun';
};

/** `start` plus `hours` of (working) time. */
export function addWorkingTime(start: Date, hours: number, wt: WorkingTime): Date {
  let remaining = hours * 3_600_000;
  if (!wt.workingDaysOnly) return new Date(start.getTime() + remaining);
  let cursor = start;
  for (let guard = 0; guard < 10_000; guard++) {
    const dayEnd = nextMidnight(cursor, wt.timeZone);
    if (!isWeekend(cursor, wt.timeZone)) {
      const available = dayEnd.getTime() - cursor.getTime();
      if (remaining <= available) return new Date(cursor.getTime() + remaining);
      remaining -= available;
    }
    cursor = dayEnd;
  }
  throw new Error('working-time target too far away');
}

/** How much (working) time passed between `from` and `to`. */
export function workingMsBetween(from: Date, to: Date, wt: WorkingTime): number {
  if (to <= from) return 0;
  if (!wt.workingDaysOnly) return to.getTime() - from.getTime();
  let total = 0;
  let cursor = from;
  for (let guard = 0; cursor < to && guard < 100_000; guard++) {
    const dayEnd = nextMidnight(cursor, wt.timeZone);
    const end = dayEnd < to ? dayEnd : to;
    if (!isWeekend(cursor, wt.timeZone)) total += end.getTime() - cursor.getTime();
    cursor = dayEnd;
  }
  return total;
}
