/**
 * Wall-clock time in Rome, where the programme happens: what calendars, archive headers and
 * "due today" read, whatever the server's own time zone.
 */
const ROME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Rome',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export interface WallClock {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

export function romeWallClock(at: Date): WallClock {
  const parts = Object.fromEntries(ROME.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    year: parts.year ?? '',
    month: parts.month ?? '',
    day: parts.day ?? '',
    hour: parts.hour ?? '',
    minute: parts.minute ?? '',
    second: parts.second ?? '',
  };
}

/** The calendar day in Rome, `2027-03-15`. */
export function romeDay(at: Date): string {
  const c = romeWallClock(at);
  return `${c.year}-${c.month}-${c.day}`;
}
