// ESLint, flat config: typescript-eslint's type-aware recommended rules over everything tsconfig.json type-checks
// (src, test, bench). Formatting is Prettier's job (.prettierrc.json), so no stylistic rules here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.ci/**', 'examples/**', 'scripts/**', 'bin/**', 'test/fixtures/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Explicit, as the project's floor (recommendedTypeChecked already has them as errors).
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unsafe-argument': 'error',
      '@typescript-eslint/no-unsafe-assignment': 'error',
      '@typescript-eslint/no-unsafe-call': 'error',
      '@typescript-eslint/no-unsafe-member-access': 'error',
      '@typescript-eslint/no-unsafe-return': 'error',
      // Regular expressions here match YAML and aligned text, where literal runs of spaces read like what they match.
      'no-regex-spaces': 'off',
      // `_name` marks a value left out on purpose (`const { status: _status, ...rest } = object`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true, caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      // Fakes implement async interfaces (exec, sleep, GitHub APIs) with answers that are ready at once.
      '@typescript-eslint/require-await': 'off',
      // Tests hand fixture functions around as values (breaks.malformedYaml); none of them uses `this`.
      '@typescript-eslint/unbound-method': 'off',
      // Tests parse the JSON a command or action printed and assert its shape with expect(); that assertion is the
      // type check, so an `any` from JSON.parse is the point there, not a hole.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
