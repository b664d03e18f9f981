import { SMTPServer } from 'smtp-server';

export interface MailSink {
  /** An SMTP URL for `SMTP_URL` (the worker pools its connections to it by default). */
  url: string;
  /** Message-IDs of what arrived, in order (a duplicate shows twice). */
  ids: string[];
  close(): Promise<void>;
}

/** A real local SMTP server that keeps only each message's Message-ID. */
export async function mailSink(): Promise<MailSink> {
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
    url: `smtp://127.0.0.1:${port}/`,
    ids,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
