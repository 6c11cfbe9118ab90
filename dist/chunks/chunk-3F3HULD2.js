import { createRequire as __k8sappCreateRequire } from 'node:module';
const require = __k8sappCreateRequire(import.meta.url);
import {
  require_dist
} from "./chunk-DHW3Q5BD.js";
import {
  ConfigurationError
} from "./chunk-LJ22TVXO.js";
import {
  __toESM
} from "./chunk-WQYZTGJH.js";

// src/report/markdown.ts
function escapeText(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "\\|");
}
function tableCell(text) {
  return (text ?? "").replace(/\r\n?/g, `
`).replace(/\n+$/, "").split(`
`).map((line) => escapeText(line)).join("<br>");
}
function inlineText(text) {
  return escapeText((text ?? "").replace(/\r?\n/g, " "));
}
function markdown(text) {
  return { markdown: text };
}
function code(text) {
  return { markdown: `\`${text.replace(/`/g, "'").replace(/\r?\n/g, " ").replace(/\|/g, "\\|")}\`` };
}
function render(cell) {
  return typeof cell == "string" ? tableCell(cell) : cell.markdown;
}
function markdownTable(header, rows, align = []) {
  let line = (row) => `| ${row.map(render).join(" | ")} |`, separator = `| ${header.map((_, index) => align[index] === "right" ? "---:" : "---").join(" | ")} |`;
  return [line(header), separator, ...rows.map(line)].join(`
`);
}

// src/yaml/located.ts
var import_yaml = __toESM(require_dist(), 1);
import { readFile } from "node:fs/promises";
var LocatedDocument = class {
  file;
  value;
  document;
  lines;
  constructor(file, document, lines) {
    this.file = file, this.document = document, this.lines = lines, this.value = document.toJS({ maxAliasCount: 100 });
  }
  /**
   * Location of the key at `path` (or of its value with `target: 'value'`). A path that does not exist resolves to
   * the deepest ancestor that does, which is where a "missing key" error belongs.
   */
  locate(path, target = "key") {
    let node = this.document.contents, best = node;
    for (let [index, segment] of path.entries()) {
      let last = index === path.length - 1;
      if ((0, import_yaml.isMap)(node)) {
        let pair = node.items.find((item) => (0, import_yaml.isPair)(item) && (0, import_yaml.isScalar)(item.key) && String(item.key.value) === String(segment));
        if (!pair) break;
        let key = pair.key, value = pair.value ?? void 0;
        best = last && target === "value" ? value ?? key : key, node = value;
      } else if ((0, import_yaml.isSeq)(node) && typeof segment == "number" && node.items[segment])
        best = node.items[segment], node = best;
      else
        break;
    }
    return this.positionOf(best?.range?.[0]);
  }
  positionOf(offset) {
    if (offset === void 0) return { file: this.file, line: 1, column: 1 };
    let { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col };
  }
};
function syntaxFindings(file, document, lines) {
  return document.errors.map((error) => {
    let offset = error.pos[0], { line, col } = lines.linePos(offset);
    return {
      severity: "error",
      code: "YAML_SYNTAX",
      message: `invalid YAML: ${error.message.split(`
`)[0]}`,
      location: { file, line, column: col }
    };
  });
}
function parseYaml(text, file) {
  let lines = new import_yaml.LineCounter(), document = (0, import_yaml.parseDocument)(text, { lineCounter: lines, prettyErrors: !1, uniqueKeys: !0 }), findings = syntaxFindings(file, document, lines);
  if (findings.length > 0) throw ConfigurationError.fromFindings(`${file} is not valid YAML`, findings);
  return new LocatedDocument(file, document, lines);
}
function parseYamlStream(text, file) {
  let lines = new import_yaml.LineCounter(), documents = (0, import_yaml.parseAllDocuments)(text, { lineCounter: lines, prettyErrors: !1, uniqueKeys: !0 }), list = Array.isArray(documents) ? documents : [], findings = list.flatMap((document) => syntaxFindings(file, document, lines));
  if (findings.length > 0) throw ConfigurationError.fromFindings(`${file} is not valid YAML`, findings);
  return list.map((document) => new LocatedDocument(file, document, lines)).filter((document) => document.value !== null && document.value !== void 0);
}
async function loadYamlFile(file) {
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw error.code === "ENOENT" ? new ConfigurationError(`${file} does not exist`, [
      { severity: "error", code: "FILE_MISSING", message: `${file} does not exist`, location: { file } }
    ]) : error;
  }
  return parseYaml(text, file);
}

export {
  parseYaml,
  parseYamlStream,
  loadYamlFile,
  inlineText,
  markdown,
  code,
  markdownTable
};
