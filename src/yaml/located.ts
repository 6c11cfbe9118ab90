import { readFile } from 'node:fs/promises';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, parseDocument, type Document, type Node } from 'yaml';
import { ConfigurationError, type Finding, type SourceLocation } from '../errors.js';

export type KeyPath = readonly (string | number)[];

/** A parsed YAML document that can say where any key path came from, for located errors and annotations. */
export class LocatedDocument {
  readonly file: string;
  readonly value: unknown;
  private readonly document: Document;
  private readonly lines: LineCounter;

  constructor(file: string, document: Document, lines: LineCounter) {
    this.file = file;
    this.document = document;
    this.lines = lines;
    this.value = document.toJS({ maxAliasCount: 100 });
  }

  /**
   * Location of the key at `path` (or of its value with `target: 'value'`). A path that does not exist resolves to
   * the deepest ancestor that does, which is where a "missing key" error belongs.
   */
  locate(path: KeyPath, target: 'key' | 'value' = 'key'): SourceLocation {
    let node: unknown = this.document.contents;
    let best = node as Node | undefined;
    for (const [index, segment] of path.entries()) {
      const last = index === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
        if (!pair) break;
        const key = pair.key as Node;
        const value = (pair.value ?? undefined) as Node | undefined;
        best = last && target === 'value' ? (value ?? key) : key;
        node = value;
      } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
        best = node.items[segment] as Node;
        node = best;
      } else {
        break;
      }
    }
    return this.positionOf(best?.range?.[0]);
  }

  private positionOf(offset: number | undefined): SourceLocation {
    if (offset === undefined) return { file: this.file, line: 1, column: 1 };
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col };
  }
}

function syntaxFindings(file: string, document: Document, lines: LineCounter): Finding[] {
  return document.errors.map((error) => {
    const offset = error.pos[0];
    const { line, col } = lines.linePos(offset);
    return {
      severity: 'error' as const,
      code: 'YAML_SYNTAX',
      message: `invalid YAML: ${error.message.split('\n')[0]}`,
      location: { file, line, column: col },
    };
  });
}

/** Parses one YAML document; syntax errors become a located ConfigurationError. */
export function parseYaml(text: string, file: string): LocatedDocument {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const findings = syntaxFindings(file, document, lines);
  if (findings.length > 0) throw ConfigurationError.fromFindings(`${file} is not valid YAML`, findings);
  return new LocatedDocument(file, document, lines);
}

/** Parses a multi-document stream (kustomize output); empty documents are dropped. */
export function parseYamlStream(text: string, file: string): LocatedDocument[] {
  const lines = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const list = Array.isArray(documents) ? documents : [];
  const findings = list.flatMap((document) => syntaxFindings(file, document, lines));
  if (findings.length > 0) throw ConfigurationError.fromFindings(`${file} is not valid YAML`, findings);
  return list.map((document) => new LocatedDocument(file, document, lines)).filter((document) => document.value !== null && document.value !== undefined);
}

export async function loadYamlFile(file: string): Promise<LocatedDocument> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new ConfigurationError(`${file} does not exist`, [
        { severity: 'error', code: 'FILE_MISSING', message: `${file} does not exist`, location: { file } },
      ]);
    throw error;
  }
  return parseYaml(text, file);
}
