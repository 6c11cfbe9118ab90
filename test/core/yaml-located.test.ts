import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/errors.js';
import { parseYaml, parseYamlStream } from '../../src/yaml/located.js';

describe('located YAML', () => {
  const text = ['a:', '  b:', '    - x: 1', '      y: 2', '  c: "q"', ''].join('\n');

  it('locates keys, values and sequence items', () => {
    const document = parseYaml(text, 'f.yaml');
    expect(document.locate(['a', 'b', 0, 'y'])).toEqual({ file: 'f.yaml', line: 4, column: 7 });
    expect(document.locate(['a', 'c'], 'value')).toEqual({ file: 'f.yaml', line: 5, column: 6 });
  });

  it('locates a missing key at its deepest existing ancestor', () => {
    expect(parseYaml(text, 'f.yaml').locate(['a', 'b', 7])).toEqual({ file: 'f.yaml', line: 2, column: 3 });
  });

  it('turns syntax errors into located configuration errors', () => {
    try {
      parseYaml('a: [1\nb: 2\n', 'bad.yaml');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      const finding = (error as ConfigurationError).findings[0];
      expect(finding?.code).toBe('YAML_SYNTAX');
      expect(finding?.location).toMatchObject({ file: 'bad.yaml', line: 2 });
    }
  });

  it('rejects duplicate keys', () => {
    expect(() => parseYaml('a: 1\na: 2\n', 'dup.yaml')).toThrow(/dup.yaml:2/);
  });

  it('splits a stream into documents and drops empty ones', () => {
    const documents = parseYamlStream('---\nkind: A\n---\n---\nkind: B\n', 's.yaml');
    expect(documents.map((d) => (d.value as { kind: string }).kind)).toEqual(['A', 'B']);
    expect(documents[1]?.locate(['kind'])).toMatchObject({ line: 5 });
  });
});
