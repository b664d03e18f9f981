import { readFileSync } from 'node:fs';

/** Resident memory of a process in MB: now (VmRSS) and its high-water mark since start (VmHWM). */
export function rssOf(pid: number): { rssMb: number; hwmMb: number } {
  let status = '';
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return { rssMb: 0, hwmMb: 0 }; // the process is gone; its exit is reported where it was started
  }
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rssMb: Math.round(kb('VmRSS') / 1024), hwmMb: Math.round(kb('VmHWM') / 1024) };
}

/** Samples a process's RSS while something runs and keeps the largest value seen. */
export class RssSampler {
  peakMb = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly pid: number) {}

  start(everyMs = 200): this {
    this.timer = setInterval(() => {
      this.peakMb = Math.max(this.peakMb, rssOf(this.pid).rssMb);
    }, everyMs);
    this.timer.unref();
    return this;
  }

  stop(): number {
    clearInterval(this.timer);
    this.peakMb = Math.max(this.peakMb, rssOf(this.pid).rssMb);
    return this.peakMb;
  }
}

const TICK = 100; // USER_HZ: /proc reports CPU time in 1/100 s on Linux

/** CPU seconds (user + system) a process has used so far. */
export function cpuSecondsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / TICK;
  } catch {
    return 0;
  }
}

/** Machine-wide CPU seconds: busy and total, summed over all cores. */
export function machineCpu(): { busy: number; total: number } {
  const [, ...values] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
  const n = values.slice(0, 8).map(Number);
  const total = n.reduce((a, b) => a + b, 0);
  return { busy: (total - (n[3] ?? 0) - (n[4] ?? 0)) / TICK, total: total / TICK };
}
