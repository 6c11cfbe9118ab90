/**
 * Terminal text for every CLI command: one aligned-table renderer and one colour switch. Markdown belongs to job
 * summaries only (the *Markdown renderers next to each feature); nothing here emits Markdown.
 */

/** Table rows, header first. */
export type Table = string[][];

/** Colours for the terminal; `plainStyle` when stdout is not a TTY or NO_COLOR is set. */
export interface Style {
  bold: (text: string) => string;
  dim: (text: string) => string;
  green: (text: string) => string;
  yellow: (text: string) => string;
  red: (text: string) => string;
}

const identity = (text: string) => text;

export const plainStyle: Style = { bold: identity, dim: identity, green: identity, yellow: identity, red: identity };

const sgr = (open: number, close: number) => (text: string) => (text === '' ? text : `\u001b[${open}m${text}\u001b[${close}m`);

export const ansiStyle: Style = { bold: sgr(1, 22), dim: sgr(2, 22), green: sgr(32, 39), yellow: sgr(33, 39), red: sgr(31, 39) };

/**
 * Colour only on a terminal: never with NO_COLOR (any non-empty value, no-color.org) or TERM=dumb; FORCE_COLOR
 * (other than 0/false) turns it on for a pipe.
 */
export function useColor(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return isTTY && env.TERM !== 'dumb';
}

// eslint-disable-next-line no-control-regex -- matching the terminal's own escape sequences is the point
const ANSI = /\u001b\[[0-9;]*m/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** Zero-width marks (variation selectors, joiners, combining accents) and double-width emoji and CJK. */
function charWidth(codePoint: number): number {
  if ((codePoint >= 0x300 && codePoint <= 0x36f) || (codePoint >= 0x200b && codePoint <= 0x200f) || (codePoint >= 0xfe00 && codePoint <= 0xfe0f)) return 0;
  if (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0x1f300 && codePoint <= 0x1faff) ||
    [0x231a, 0x23f3, 0x23ed, 0x23ee, 0x23ef, 0x23f8, 0x23f9, 0x23fa, 0x2705, 0x274c, 0x26d4, 0x2b50, 0x26a0, 0x2139, 0x21a9].includes(codePoint)
  ) {
    return 2;
  }
  return 1;
}

/** Columns the text takes on a terminal: escape sequences take none, emoji two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of stripAnsi(text)) width += charWidth(char.codePointAt(0) ?? 0);
  return width;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

export interface TableOptions {
  /** Widest a column is padded to; a longer cell pushes only its own line. Default 60. */
  maxColumnWidth?: number;
  /** Indent every line, e.g. '  ' under a heading. */
  indent?: string;
  style?: Style;
}

/**
 * An aligned plain-text table: header upper-case (bold when coloured), columns two spaces apart, no trailing spaces.
 * A cell with line breaks continues on the next lines in its own column.
 */
export function textTable(table: Table, options: TableOptions = {}): string {
  const { maxColumnWidth = 60, indent = '', style = plainStyle } = options;
  const [header = [], ...rows] = table;
  const split = (row: readonly string[]) => header.map((_, column) => (row[column] ?? '').split(/\r?\n/));
  const cells = [header.map((title) => [title.toUpperCase()]), ...rows.map(split)];
  const widths = header.map((_, column) => Math.min(maxColumnWidth, Math.max(...cells.flatMap((row) => (row[column] ?? ['']).map(displayWidth)))));
  const lines: string[] = [];
  cells.forEach((row, rowIndex) => {
    const height = Math.max(...row.map((cell) => cell.length));
    for (let line = 0; line < height; line++) {
      const text = row
        .map((cell, column) => pad(cell[line] ?? '', widths[column] ?? 0))
        .join('  ')
        .trimEnd();
      lines.push(indent + (rowIndex === 0 ? style.bold(text) : text));
    }
  });
  return lines.join('\n');
}

/** Wraps prose into lines of at most `width` columns (a longer word gets a line of its own). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && displayWidth(line) + 1 + displayWidth(word) > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}
