import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Config } from '@hubspoke/config';
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Deterministic, so a resent message can be recognised as the same one. */
  messageId: string;
  headers?: Record<string, string>;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
  /** Where mails go: the SMTP URL, or the folder of .eml files. */
  readonly destination: string;
}

/**
 * SMTP when SMTP_URL is set; otherwise every mail becomes an .eml file in the local outbox
 * folder (logged with its path), so a fresh install works and its mail can be read.
 */
export function createMailer(config: Config['mail'], log: (message: string) => void = console.log): Mailer {
  if (config.smtpUrl) {
    // Connections are kept and reused: opening one per mail (greeting, EHLO, then TLS and AUTH
    // on a real server) capped sending at ~175 mails/s against a local server, where ten pooled
    // connections carry ~500/s. Options in SMTP_URL's query (`?pool=false`, `?maxConnections=3`) win.
    const transport = nodemailer.createTransport({ url: config.smtpUrl, pool: true, maxConnections: 10 });
    return {
      destination: config.smtpUrl.replace(/\/\/[^@]*@/, '//'),
      async send(mail) {
        await transport.sendMail({ ...toMessage(mail), from: config.from });
      },
      close: () => transport.close(),
    };
  }
  const folder = resolve(config.outboxDir);
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    destination: folder,
    async send(mail) {
      const info = await transport.sendMail({ ...toMessage(mail), from: config.from });
      await mkdir(folder, { recursive: true });
      const path = join(
        folder,
        `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.messageId.replace(/[^a-zA-Z0-9.-]/g, '_')}.eml`,
      );
      await writeFile(path, info.message as Buffer);
      log(`mail to ${mail.to} written to ${path}`);
    },
    close: () => transport.close(),
  };
}

function toMessage(mail: OutgoingMail) {
  return {
    to: mail.to,
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    messageId: mail.messageId,
    headers: mail.headers ?? {},
  };
}
