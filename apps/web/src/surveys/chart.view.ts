import { html } from '../ui/html.js';

export interface Bar {
  label: string;
  count: number;
}

const WIDTH = 640;
const LABEL_MAX = 90;
const ROW = 38;
const BAR_HEIGHT = 14;
const COUNT_SPACE = 56;

const shorten = (text: string) => (text.length > LABEL_MAX ? `${text.slice(0, LABEL_MAX - 1)}…` : text);

/**
 * A horizontal bar chart drawn on the server: an SVG that reads without JavaScript (each
 * option's words above its bar, the count after it), named by its <title> and summed up by its
 * <desc>. The same numbers go in a visually hidden table beside it, for screen readers.
 */
export function barChart(id: string, title: string, description: string, bars: readonly Bar[], total: number) {
  const max = Math.max(1, total, ...bars.map((b) => b.count));
  const usable = WIDTH - COUNT_SPACE;
  const height = bars.length * ROW + 4;
  return html`<svg class="survey-chart mw-100 h-auto d-block mb-2" id="${id}" role="img" aria-labelledby="${id}-title ${id}-desc"
      viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg">
    <title id="${id}-title">${title}</title>
    <desc id="${id}-desc">${description} ${bars.map((b) => `${b.label}: ${b.count}.`).join(' ')}</desc>
    ${bars.map((b, i) => {
      const y = i * ROW;
      const width = Math.round((b.count / max) * usable);
      return html`<g>
        <text x="0" y="${y + 13}" font-size="13" fill="#1a1a1a">${shorten(b.label)}</text>
        <rect x="0" y="${y + 18}" width="${usable}" height="${BAR_HEIGHT}" fill="#e8eef5"></rect>
        <rect x="0" y="${y + 18}" width="${width}" height="${BAR_HEIGHT}" fill="#0066cc"></rect>
        <text x="${usable + 8}" y="${y + 30}" font-size="13" font-weight="600" fill="#1a1a1a">${b.count}</text>
      </g>`;
    })}
  </svg>`;
}

/** The chart's numbers as a table, hidden from the eye but read by screen readers. */
export function numbersTable(caption: string, head: [string, string], bars: readonly Bar[]) {
  return html`<table class="visually-hidden">
    <caption>${caption}</caption>
    <thead><tr><th scope="col">${head[0]}</th><th scope="col">${head[1]}</th></tr></thead>
    <tbody>${bars.map((b) => html`<tr><th scope="row">${b.label}</th><td>${b.count}</td></tr>`)}</tbody>
  </table>`;
}
