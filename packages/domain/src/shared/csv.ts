/**
 * A cell for a spreadsheet: always quoted, and a leading = + - @ (or tab, carriage return)
 * prefixed with ' so that a spreadsheet never runs it as a formula.
 */
export const csvCell = (value: string | number | boolean | null | undefined) => {
  const text = value === null || value === undefined ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
};

export const csvLine = (cells: ReadonlyArray<string | number | boolean | null | undefined>) =>
  cells.map(csvCell).join(',');

/** Lines joined as RFC 4180 wants them: CRLF after each, the last included. */
export const csvText = (lines: readonly string[]) => `${lines.join('\r\n')}\r\n`;
