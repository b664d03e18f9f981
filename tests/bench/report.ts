import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { DigestResult } from './digest.js';
import type { FanoutResult } from './fanout.js';
import type { GrowthPoint } from './growth.js';
import type { LoadResult } from './scenarios.js';

export interface Memory {
  restMb?: number;
  scenariosPeakMb?: number;
  sockets5000Mb?: number;
  highWaterMb?: number;
}

export interface Row {
  scenario: string;
  rps?: number;
  ratio?: number;
  p50?: number;
  p99?: number;
  other?: string;
  target: string;
  met: boolean | null;
}

/** The issue's targets (#22), each judged on the run's own floor where it is a ratio. */
const TARGETS: Record<string, { text: string; met: (r: LoadResult, floor?: number) => boolean | null }> = {
  'thread-page': { text: '≥ 0.25× floor', met: (r, floor) => (floor ? r.rps / floor >= 0.25 : null) },
  // With the worker running: the rate only counts if the worker also got through what it left.
  'reply-spread': {
    text: '≥ 0.08× floor, worker done',
    met: (r, floor) => (floor ? r.rps / floor >= 0.08 && r.afterwards?.left === 0 : null),
  },
  search: { text: 'p99 ≤ 150 ms, none failed', met: (r) => r.p99 <= 150 && r.failed === 0 },
};

/** Growth targets: latency at the largest size against the smallest, or an absolute bound. */
const GROWTH_TARGETS: Record<string, { text: string; met: (first: GrowthPoint, last: GrowthPoint) => boolean }> = {
  home: { text: 'p99 ≤ 1.5× smallest', met: (first, last) => last.p99 <= 1.5 * first.p99 },
  'thread-list': { text: 'p99 ≤ 1.5× smallest', met: (first, last) => last.p99 <= 1.5 * first.p99 },
  search: { text: 'p99 ≤ 150 ms at the largest', met: (_, last) => last.p99 <= 150 },
};

/** One row per measured figure, each with its target (if the issue sets one) and whether it was met. */
export function rows(input: {
  /** How the api was started: from sources through tsx, its RSS includes the compiler's. */
  apiEntry?: string;
  floor?: LoadResult;
  loads: LoadResult[];
  fanout: FanoutResult[];
  memory: Memory;
  growth: GrowthPoint[];
  digest?: DigestResult;
}): Row[] {
  const floor = input.floor?.rps;
  const out: Row[] = [];
  if (input.floor) {
    const other = cpu(input.floor);
    out.push({ scenario: 'floor (select 1)', ...pick(input.floor), ratio: 1, other, target: '—', met: null });
  }
  for (const load of input.loads) {
    const target = TARGETS[load.name];
    out.push({
      scenario: load.name,
      ...pick(load),
      ...(floor ? { ratio: load.rps / floor } : {}),
      other: `${cpu(load)}${load.failed ? `, ${load.failed} failed` : ''}${afterwards(load)}`,
      target: target?.text ?? '—',
      met: target ? target.met(load, floor) : null,
    });
  }
  for (const f of input.fanout) {
    const one = f.threads === 1;
    out.push({
      scenario: f.name,
      p50: f.p50,
      p99: f.p99,
      other: `max ${f.max} ms, lost ${f.missing}/${f.deliveries + f.missing}`,
      target: one ? 'p99 ≤ 50 ms, none lost' : 'none lost',
      met: one ? f.p99 <= 50 && f.missing === 0 : f.missing === 0,
    });
  }
  const mem = input.memory;
  const mb = (n: number) => `${n} MB${input.apiEntry?.includes('tsx') ? ' (api run through tsx)' : ''}`;
  if (mem.restMb !== undefined)
    out.push({ scenario: 'api RSS at rest', other: mb(mem.restMb), target: '—', met: null });
  if (mem.scenariosPeakMb !== undefined)
    out.push({ scenario: 'api RSS peak (scenarios)', other: mb(mem.scenariosPeakMb), target: '—', met: null });
  if (mem.sockets5000Mb !== undefined)
    out.push({
      scenario: 'api RSS, 5,000 sockets',
      other: mb(mem.sockets5000Mb),
      target: '≤ 300 MB',
      met: mem.sockets5000Mb <= 300,
    });
  const stages = [...new Set(input.growth.map((g) => g.posts))].sort((a, b) => a - b);
  for (const name of new Set(input.growth.map((g) => g.scenario))) {
    const points = stages.map((s) => input.growth.find((g) => g.posts === s && g.scenario === name));
    const first = points[0];
    const last = points.at(-1);
    if (!first || !last || stages.length < 2) continue;
    const k = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1_000}k`);
    const target = GROWTH_TARGETS[name];
    out.push({
      scenario: `growth ${name} ${k(first.posts)}→${k(last.posts)}`,
      p50: last.p50,
      p99: last.p99,
      other: `p99 ${points.map((p) => p?.p99 ?? '?').join(' → ')} ms`,
      target: target?.text ?? '—',
      met: target ? target.met(first, last) : null,
    });
  }
  const d = input.digest;
  if (d) {
    // With fewer than 10,000 due, the rate (333/s) is what compares.
    const inTime = d.users >= 10_000 ? d.seconds <= 30 : d.perSecond >= 10_000 / 30;
    out.push({
      scenario: `digests (${d.users.toLocaleString('en-US')} due)`,
      rps: Math.round(d.perSecond * 10) / 10,
      other: `${d.sent} sent, ${d.empty} empty in ${d.seconds.toFixed(1)} s; ${d.duplicates} duplicates`,
      target: '10,000 in ≤ 30 s, none twice',
      met: inTime && d.duplicates === 0,
    });
  }
  return out;
}

const pick = (r: LoadResult) => ({ rps: r.rps, p50: r.p50, p99: r.p99 });
const cpu = (r: LoadResult) =>
  `CPU/req api ${r.serverCpuMs}${r.workerCpuMs ? ` + worker ${r.workerCpuMs}` : ''} + db ${r.dbCpuMs} ms; others ${r.othersBusy}%`;
const afterwards = (r: LoadResult) =>
  r.afterwards
    ? `; worker done ${r.afterwards.seconds} s later${r.afterwards.left ? ` (${r.afterwards.left} left)` : ''}, ${r.afterwards.mails} mails`
    : '';

export function table(list: Row[]): string {
  const header = ['scenario', 'req/s', '× floor', 'p50 ms', 'p99 ms', 'other', 'target', 'met?'];
  const cells = list.map((r) => [
    r.scenario,
    r.rps === undefined ? '' : r.rps >= 100 ? Math.round(r.rps).toLocaleString('en-US') : String(r.rps),
    r.ratio === undefined ? '' : r.ratio.toFixed(2),
    r.p50?.toString() ?? '',
    r.p99?.toString() ?? '',
    r.other ?? '',
    r.target,
    r.met === null ? '—' : r.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i] as number)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/**
 * `results/<date>.json`, one entry per scale, so a small and a full run of the same day both
 * stay; a run of some scenarios only (`--only`) goes to `<date>.partial.json` instead.
 */
export function save(dir: string, scale: string, partial: boolean, result: unknown): string {
  mkdirSync(dir, { recursive: true });
  const date = new Date().toISOString().slice(0, 10);
  const file = `${dir}/${date}${partial ? '.partial' : ''}.json`;
  const existing = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  writeFileSync(file, `${JSON.stringify({ ...existing, [scale]: result }, null, 2)}\n`);
  return file;
}
