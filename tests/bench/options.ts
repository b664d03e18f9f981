import { parseArgs } from 'node:util';

export interface Scale {
  name: 'small' | 'full';
  users: number;
  tables: number;
  threads: number;
  posts: number;
  /** Distinct post bodies; posts draw from this pool so search vectors are computed once per body. */
  bodies: number;
  /** Post counts at which growth is measured (the last one is `posts`). */
  growthStages: number[];
  warmupSeconds: number;
  runSeconds: number;
  runs: number;
  /** Length of one growth run; each stage and scenario is measured `runs` times. */
  growthSeconds: number;
}

export const SCALES: Record<Scale['name'], Scale> = {
  full: {
    name: 'full',
    users: 5_000,
    tables: 60,
    threads: 20_000,
    posts: 1_000_000,
    bodies: 20_000,
    growthStages: [10_000, 100_000, 1_000_000],
    warmupSeconds: 3,
    runSeconds: 10,
    runs: 3,
    growthSeconds: 5,
  },
  small: {
    name: 'small',
    users: 1_000,
    tables: 12,
    threads: 2_000,
    posts: 50_000,
    bodies: 4_000,
    growthStages: [5_000, 50_000],
    warmupSeconds: 1,
    runSeconds: 3,
    runs: 3,
    growthSeconds: 3,
  },
};

export const SCENARIOS = [
  'floor',
  'thread-page',
  'thread-list',
  'home',
  'search',
  'reply-spread',
  'reply-hot',
  'thread-create',
  'fanout',
  'memory',
  'growth',
  'digest',
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface Options {
  scale: Scale;
  only: Set<ScenarioName>;
  /** Keep the bench database afterwards (it is dropped by default). */
  keep: boolean;
  /** Reuse a database a previous `--keep` run seeded at the same scale. */
  reuse: boolean;
  /** Where the api keeps rate limits and live wake-ups: Redis, or PostgreSQL alone (`REDIS_URL=none`). */
  backend: 'redis' | 'postgres';
}

export const USAGE = `npm run bench -- [--scale small|full] [--only ${SCENARIOS.join(',')}] [--keep] [--reuse] [--backend redis|postgres]`;

export function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      scale: { type: 'string', default: 'full' },
      only: { type: 'string' },
      keep: { type: 'boolean', default: false },
      reuse: { type: 'boolean', default: false },
      backend: { type: 'string', default: 'redis' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const scale = SCALES[values.scale as Scale['name']];
  if (!scale) throw new Error(`--scale must be small or full\n${USAGE}`);
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : [...SCENARIOS];
  const unknown = only.filter((s) => !(SCENARIOS as readonly string[]).includes(s));
  if (unknown.length) throw new Error(`unknown scenario(s): ${unknown.join(', ')}\n${USAGE}`);
  if (values.backend !== 'redis' && values.backend !== 'postgres') {
    throw new Error(`--backend must be redis or postgres\n${USAGE}`);
  }
  return {
    scale,
    only: new Set(only as ScenarioName[]),
    keep: values.keep,
    reuse: values.reuse,
    backend: values.backend,
  };
}
