/**
 * iCalendar (RFC 5545) written by hand: a feed is a few lines per session, and owning the
 * escaping and folding keeps every field under our control. Times are local to Europe/Rome,
 * where the programme's sessions happen, with the zone's rules included.
 */
import { romeWallClock } from '../shared/rome-time.js';

export interface CalendarEvent {
  uid: string;
  title: string;
  startsAt: Date;
  days: number;
  place: string | null;
  online: string | null;
  description: string;
  url: string;
  createdAt: Date;
  updatedAt: Date;
}

const ROME = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Rome',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** `20270315T093000`: the wall-clock time in Rome. */
function romeLocal(date: Date) {
  const c = romeWallClock(date);
  return `${c.year}${c.month}${c.day}T${c.hour}${c.minute}${c.second}`;
}

const utc = (date: Date) => `${date.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;

/** TEXT values: backslash, semicolon, comma and line breaks escaped. */
const escapeText = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** Lines longer than 75 octets continue on the next line after a space, never inside a character. */
function fold(line: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= 75) return line;
  const pieces: string[] = [];
  let piece = '';
  let size = 0;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    // The first line holds 75 octets; the others 74 after their leading space.
    if (size + bytes > (pieces.length === 0 ? 75 : 74)) {
      pieces.push(piece);
      piece = '';
      size = 0;
    }
    piece += char;
    size += bytes;
  }
  pieces.push(piece);
  return pieces.join('\r\n ');
}

/** Half days as hours: `P6D`, `P1DT12H`, `PT12H`. */
function duration(days: number) {
  const whole = Math.floor(days);
  const hours = Math.round((days - whole) * 24);
  return `P${whole ? `${whole}D` : ''}${hours ? `T${hours}H` : ''}`;
}

export function calendar(name: string, events: readonly CalendarEvent[], now: Date): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Hub&Spoke Community//Percorso//IT',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
    'X-WR-TIMEZONE:Europe/Rome',
    ...ROME,
  ];
  for (const event of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `DTSTAMP:${utc(now)}`,
      `LAST-MODIFIED:${utc(event.updatedAt)}`,
      // Grows with every change, so calendar apps take an edited session over the one they had.
      `SEQUENCE:${Math.max(0, Math.floor((event.updatedAt.getTime() - event.createdAt.getTime()) / 1000))}`,
      `DTSTART;TZID=Europe/Rome:${romeLocal(event.startsAt)}`,
      `DURATION:${duration(event.days)}`,
      `SUMMARY:${escapeText(event.title)}`,
      `DESCRIPTION:${escapeText(event.description)}`,
      `URL:${event.online ?? event.url}`,
    );
    const location = event.place ?? event.online;
    if (location) lines.push(`LOCATION:${escapeText(location)}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
