import { SMTPServer } from 'smtp-server';

export interface DigestResult {
  status: 'done';
  users: number;
  sent: number;
  empty: number;
  seconds: number;
  perSecond: number;
  duplicates: number;
}

const CONCURRENCY = 20;

/** A local SMTP server that only counts what it receives, by Message-ID. */
async function countingSmtp() {
  const ids: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 4096) head += chunk.toString('utf8');
      });
      stream.on('end', () => {
        ids.push(/^Message-ID:\s*(\S+)/im.exec(head)?.[1] ?? '');
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}/?pool=true&maxConnections=10`,
    ids,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/**
 * Every seeded person due a daily digest at once, built and sent by the same code the worker
 * runs (`runDigest` with the real templates) to a real SMTP server, 20 at a time: throughput,
 * total time, and whether any digest went out twice.
 */
export async function digest(databaseUrl: string): Promise<DigestResult> {
  const { loadConfig } = await import('@hubspoke/config');
  const { createDb } = await import('@hubspoke/db');
  const { dueDigests, runDigest, systemClock } = await import('@hubspoke/domain');
  const { createMailer, digestMail } = await import('@hubspoke/mail');
  const smtp = await countingSmtp();
  const config = loadConfig({ DATABASE_URL: databaseUrl, SMTP_URL: smtp.url, NODE_ENV: 'test' });
  const db = createDb(databaseUrl, { max: CONCURRENCY, applicationName: 'hubspoke-bench-digest' });
  const mailer = createMailer(config.mail, () => {});
  try {
    await db.deleteFrom('digest_sends').execute();
    await db
      .updateTable('users')
      .set({ digest: 'daily', digest_hour: 0, timezone: 'UTC', digest_skip_if_active: false })
      .execute();
    const deps = { db, config, clock: systemClock };
    const started = performance.now();
    const due = await dueDigests(deps, new Date());
    let next = 0;
    let sent = 0;
    let empty = 0;
    const lane = async () => {
      for (let i = next++; i < due.length; i = next++) {
        const job = due[i] as { user_id: number; period: string };
        const outcome = await runDigest(
          deps,
          { userId: job.user_id, period: job.period },
          async (user, content, period) => {
            const mail = digestMail(config, user, content, period);
            await mailer.send(mail);
            return mail.messageId;
          },
        );
        if (outcome === 'sent') sent++;
        else if (outcome === 'empty') empty++;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, lane));
    const seconds = (performance.now() - started) / 1000;
    const duplicates = smtp.ids.length - new Set(smtp.ids).size;
    console.log(
      `  digest: ${due.length} due, ${sent} sent, ${empty} empty in ${seconds.toFixed(1)} s; ${duplicates} duplicates`,
    );
    return { status: 'done', users: due.length, sent, empty, seconds, perSecond: sent / seconds, duplicates };
  } finally {
    mailer.close();
    await db.destroy();
    await smtp.close();
  }
}
