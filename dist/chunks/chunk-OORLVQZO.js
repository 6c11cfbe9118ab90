import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);

// src/report/text.ts
var identity = (text) => text, plainStyle = { bold: identity, dim: identity, green: identity, yellow: identity, red: identity }, sgr = (open, close) => (text) => text === "" ? text : `\x1B[${open}m${text}\x1B[${close}m`, ansiStyle = { bold: sgr(1, 22), dim: sgr(2, 22), green: sgr(32, 39), yellow: sgr(33, 39), red: sgr(31, 39) };
function useColor(env, isTTY) {
  return env.NO_COLOR ? !1 : env.FORCE_COLOR !== void 0 && env.FORCE_COLOR !== "" ? env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false" : isTTY && env.TERM !== "dumb";
}
var ANSI = /\u001b\[[0-9;]*m/g;
function stripAnsi(text) {
  return text.replace(ANSI, "");
}
function charWidth(codePoint) {
  return codePoint >= 768 && codePoint <= 879 || codePoint >= 8203 && codePoint <= 8207 || codePoint >= 65024 && codePoint <= 65039 ? 0 : codePoint >= 4352 && codePoint <= 4447 || codePoint >= 11904 && codePoint <= 42191 || codePoint >= 44032 && codePoint <= 55203 || codePoint >= 63744 && codePoint <= 64255 || codePoint >= 65280 && codePoint <= 65376 || codePoint >= 127744 && codePoint <= 129791 || [8986, 9203, 9197, 9198, 9199, 9208, 9209, 9210, 9989, 10060, 9940, 11088, 9888, 8505, 8617].includes(codePoint) ? 2 : 1;
}
function displayWidth(text) {
  let width = 0;
  for (let char of stripAnsi(text)) width += charWidth(char.codePointAt(0) ?? 0);
  return width;
}
function pad(text, width) {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}
function textTable(table, options = {}) {
  let { maxColumnWidth = 60, indent = "", style = plainStyle } = options, [header = [], ...rows] = table, split = (row) => header.map((_, column) => (row[column] ?? "").split(/\r?\n/)), cells = [header.map((title) => [title.toUpperCase()]), ...rows.map(split)], widths = header.map((_, column) => Math.min(maxColumnWidth, Math.max(...cells.flatMap((row) => (row[column] ?? [""]).map(displayWidth))))), lines = [];
  return cells.forEach((row, rowIndex) => {
    let height = Math.max(...row.map((cell) => cell.length));
    for (let line = 0; line < height; line++) {
      let text = row.map((cell, column) => pad(cell[line] ?? "", widths[column] ?? 0)).join("  ").trimEnd();
      lines.push(indent + (rowIndex === 0 ? style.bold(text) : text));
    }
  }), lines.join(`
`);
}
function wrap(text, width) {
  let lines = [], line = "";
  for (let word of text.split(/\s+/).filter(Boolean))
    line && displayWidth(line) + 1 + displayWidth(word) > width ? (lines.push(line), line = word) : line = line ? `${line} ${word}` : word;
  return line && lines.push(line), lines;
}

export {
  plainStyle,
  ansiStyle,
  useColor,
  displayWidth,
  textTable,
  wrap
};
