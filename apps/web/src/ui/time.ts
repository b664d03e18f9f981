import type { PageContext } from '../context.js';
import { html } from './html.js';

/** A moment as people read it, with the machine-readable value beside it. */
export const timeTag = (ctx: PageContext, iso: string) =>
  html`<time datetime="${iso}">${ctx.dateTime(new Date(iso))}</time>`;
