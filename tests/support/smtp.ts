import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string;
  parsed: ParsedMail;
  raw: string;
}

/**
 * A real SMTP server in the test process. `refuse(n)` makes it answer the next n messages with a
 * temporary failure (451), as a mail server in trouble would.
 */
export class TestSmtp {
  readonly received: ReceivedMail[] = [];
  private refusals = 0;
  private refusingUntil = 0;
  private server: SMTPServer;
  port = 0;

  /** `delayMs`: how long each message takes to be accepted, as a busy server's would. */
  constructor(private readonly delayMs = 0) {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', async () => {
          if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
          if (this.refusals > 0 || Date.now() < this.refusingUntil) {
            this.refusals = Math.max(0, this.refusals - 1);
            const error = Object.assign(new Error('Try again later'), { responseCode: 451 });
            return callback(error);
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          const to = session.envelope.rcptTo.map((r) => r.address).join(',');
          this.received.push({ to, parsed: await simpleParser(raw), raw });
          callback();
        });
      },
    });
  }

  async start(): Promise<string> {
    // A client killed mid-session (a worker the test kills) resets its socket: that is the
    // client's failure to report, not the server's, as a real mail server would see it.
    this.server.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') throw error;
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    const address = this.server.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    return `smtp://127.0.0.1:${this.port}`;
  }

  refuse(count: number): void {
    this.refusals = count;
  }

  /** Answers every message with 451 for the next `ms` milliseconds. */
  refuseFor(ms: number): void {
    this.refusingUntil = Date.now() + ms;
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to === address);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
