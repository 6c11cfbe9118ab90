/**
 * The one renderer of job-summary text and tables (GitHub renders job summaries as Markdown with inline HTML). One
 * escaping rule for every summary: each line of untrusted text — a container's log, the server's message, an
 * emergency reason — is escaped once (HTML specials and the table's `|`), and only then are the lines joined with
 * `<br>`, the one piece of markup a cell needs. Nothing quoted from a cluster or a user can add markup.
 */

/** A table cell: plain text (escaped here), or Markdown this program wrote itself (`markdown()`, `code()`). */
export type Cell = string | MarkdownCell;

export interface MarkdownCell {
  readonly markdown: string;
}

/** The escaping rule: `&`, `<`, `>` as HTML entities, `|` as `\|` (a cell separator otherwise). */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|');
}

/** Untrusted text as one table cell: every line escaped, then joined with `<br>` (blank trailing lines dropped). */
export function tableCell(text: string | undefined): string {
  const lines = (text ?? '').replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
  return lines.map((line) => escapeText(line)).join('<br>');
}

/** Untrusted text inside a heading, paragraph or list item: escaped, line breaks become spaces. */
export function inlineText(text: string | undefined): string {
  return escapeText((text ?? '').replace(/\r?\n/g, ' '));
}

/** Markdown this program wrote (bold, links, icons): inserted as is. Never wrap text from outside in this. */
export function markdown(text: string): MarkdownCell {
  return { markdown: text };
}

/** Text shown as inline code: literal inside the backticks, only `|` (which would split the cell) escaped. */
export function code(text: string): MarkdownCell {
  return { markdown: `\`${text.replace(/`/g, "'").replace(/\r?\n/g, ' ').replace(/\|/g, '\\|')}\`` };
}

function render(cell: Cell): string {
  return typeof cell === 'string' ? tableCell(cell) : cell.markdown;
}

export type Align = 'left' | 'right';

/** A Markdown table: the header row, a separator (optionally right-aligned columns) and one line per row. */
export function markdownTable(header: readonly Cell[], rows: readonly (readonly Cell[])[], align: readonly Align[] = []): string {
  const line = (row: readonly Cell[]) => `| ${row.map(render).join(' | ')} |`;
  const separator = `| ${header.map((_, index) => (align[index] === 'right' ? '---:' : '---')).join(' | ')} |`;
  return [line(header), separator, ...rows.map(line)].join('\n');
}
