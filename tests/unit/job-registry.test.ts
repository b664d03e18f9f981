import { JOB_NAMES } from '@hubspoke/jobs';
import { buildRegistry, type HandlerEntry } from '@hubspoke/worker';
import { describe, expect, it } from 'vitest';

const noop = async () => undefined;

describe('job handler registry', () => {
  it('accepts exactly one handler per job name', () => {
    const entries = JOB_NAMES.map((name) => [name, noop]) as HandlerEntry[];
    expect([...buildRegistry(entries).keys()]).toEqual([...JOB_NAMES]);
  });

  it('refuses to boot when a job has no handler', () => {
    expect(() => buildRegistry([])).toThrow(/No handler for job/);
  });

  it('refuses to boot when a job has two handlers', () => {
    const entries = [...JOB_NAMES, JOB_NAMES[0]].map((name) => [name, noop]) as HandlerEntry[];
    expect(() => buildRegistry(entries)).toThrow(/Two handlers/);
  });
});
