import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { crc32 } from 'node:zlib';
import { type ZipEntry, ZipLimitError, zipStream } from '@hubspoke/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip } from '../support/zip-reader.js';

// The export's ZIP writer, read back by our own reader (every CRC and size checked) and, where
// the machine has them, by Info-ZIP's `unzip` and Python's `zipfile`.
const at = new Date('2026-12-07T10:30:42Z');
const zip = (entries: ZipEntry[], maxBytes?: number) =>
  buffer(zipStream(entries, { modifiedAt: at, ...(maxBytes ? { maxBytes } : {}) }));
const has = (command: string, args: string[]) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;
const UNZIP = has('unzip', ['-v']);
const PYTHON = has('python3', ['-c', 'import zipfile']);

/** A stream that hands out `bytes` in chunks of `size`, as a file read would. */
const chunked = (bytes: Buffer, size = 65_536) =>
  Readable.from(
    (function* () {
      for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
    })(),
  );

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'hubspoke-zip-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('the ZIP writer', () => {
  const big = randomBytes(3 * 1024 * 1024 + 17);
  const text = JSON.stringify({ città: 'Bari', posts: Array.from({ length: 200 }, (_, i) => `messaggio ${i}`) });
  const entries = (): ZipEntry[] => [
    { name: 'LEGGIMI.txt', data: 'Ciao, questi sono i tuoi dati.\n' },
    { name: 'account.json', data: text },
    { name: 'vuoto.json', data: '' },
    { name: 'documents/1-v1-relazione è finale.pdf', open: () => chunked(big) },
    { name: 'documents/2-v1-vuoto.txt', open: () => Readable.from([]) },
    { name: 'cv/curriculum.pdf', open: () => chunked(Buffer.from('%PDF-1.7\n'), 3) },
  ];

  it('writes entries that read back byte for byte, with the right CRCs, texts deflated and files stored', async () => {
    const read = readZip(await zip(entries()));
    expect([...read.keys()]).toEqual(entries().map((e) => e.name));
    expect(read.get('account.json')?.data.toString('utf8')).toBe(text);
    expect(read.get('account.json')?.method).toBe(8);
    expect(read.get('vuoto.json')?.data.length).toBe(0);
    const file = read.get('documents/1-v1-relazione è finale.pdf');
    expect(file?.method).toBe(0);
    expect(file?.data.equals(big)).toBe(true);
    expect(file?.crc).toBe(crc32(big));
    expect(read.get('cv/curriculum.pdf')?.data.toString()).toBe('%PDF-1.7\n');
    expect(read.get('documents/2-v1-vuoto.txt')?.data.length).toBe(0);
  });

  it.skipIf(!UNZIP)('passes `unzip -t`, and shows every name and the moment of the export', async () => {
    const path = join(folder, 'unzip.zip');
    await writeFile(path, await zip(entries()));
    const tested = execFileSync('unzip', ['-t', path], { encoding: 'utf8' });
    expect(tested).toContain('No errors detected');
    // From the UTC timestamp field, shown in the reader's time zone: here Rome's, where 10:30:42 UTC is 11:30:42.
    const env = { ...process.env, TZ: 'Europe/Rome' };
    const listed = execFileSync('unzip', ['-Z', '-T', path], { encoding: 'utf8', env });
    expect(listed.match(/20261207\.113042 /g)).toHaveLength(entries().length);
    const out = join(folder, 'out');
    execFileSync('unzip', ['-q', '-o', path, '-d', out]);
    expect((await readFile(join(out, 'documents', '1-v1-relazione è finale.pdf'))).equals(big)).toBe(true);
  });

  it.skipIf(!PYTHON)(
    'passes Python’s zipfile test, which checks each CRC and reads the local (Italian) time',
    async () => {
      const path = join(folder, 'python.zip');
      await writeFile(path, await zip(entries()));
      const script = [
        'import sys, zipfile',
        'z = zipfile.ZipFile(sys.argv[1])',
        'assert z.testzip() is None',
        'for i in z.infolist(): print(i.filename, "%04d%02d%02d.%02d%02d%02d" % i.date_time, sep="|")',
      ].join('\n');
      const lines = execFileSync('python3', ['-c', script, path], { encoding: 'utf8' }).trim().split('\n');
      // DOS times are local and count in 2-second steps: 11:30:42 in Rome.
      expect(lines).toEqual(entries().map((e) => `${e.name}|20261207.113042`));
    },
  );

  it('refuses names that could write outside the folder, and the same name twice', async () => {
    for (const name of ['/etc/passwd', '../fuori.txt', 'a/../../b', 'a\\b', 'a//b', '', 'nul\u0000.txt', 'dir/']) {
      await expect(zip([{ name, data: 'x' }])).rejects.toThrow(/not a safe name/);
    }
    await expect(
      zip([
        { name: 'a.json', data: '1' },
        { name: 'a.json', data: '2' },
      ]),
    ).rejects.toThrow(/two entries/);
  });

  it('refuses to go past its size limit (4 GiB without ZIP64), whether the bytes come from a text or a stream', async () => {
    await expect(
      zip([{ name: 'a.bin', open: () => chunked(randomBytes(10_000), 1000) }], 5_000),
    ).rejects.toBeInstanceOf(ZipLimitError);
    await expect(zip([{ name: 'a.bin', data: randomBytes(10_000) }], 5_000)).rejects.toBeInstanceOf(ZipLimitError);
    // Just under the limit is fine: the limit counts the whole archive, end record included.
    const exact = await zip([{ name: 'a.bin', data: Buffer.alloc(0) }]);
    expect((await zip([{ name: 'a.bin', data: Buffer.alloc(0) }], exact.length)).length).toBe(exact.length);
    await expect(zip([{ name: 'a.bin', data: Buffer.alloc(0) }], exact.length - 1)).rejects.toBeInstanceOf(
      ZipLimitError,
    );
  });

  it('reads a file only when the archive reaches it, and stops reading when the consumer goes away', async () => {
    let opened = 0;
    const counted = (stream: Readable) => {
      opened++;
      return stream;
    };
    const stream = zipStream(
      [
        { name: 'a.bin', open: () => counted(chunked(randomBytes(1024 * 1024), 16_384)) },
        { name: 'b.bin', open: () => counted(chunked(randomBytes(1024), 1024)) },
      ],
      { modifiedAt: at },
    );
    expect(opened).toBe(0);
    for await (const _ of stream) {
      stream.destroy();
      break;
    }
    expect(opened).toBe(1);
  });
});
