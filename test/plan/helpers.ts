/** The rows of the Markdown table under the heading that matches `title`, each split into cells. */
export function tableUnder(text: string, title: RegExp): string[][] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => title.test(line));
  if (start < 0) return [];
  const rows: string[][] = [];
  for (const line of lines.slice(start + 4)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(2, -2)
        .split(/ (?<!\\)\| /)
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}
