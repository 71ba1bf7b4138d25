import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    // Core must run in plain Node (the CLI, the tests): Electron stays in src/main and src/preload.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^electron(/.*)?$',
              message: 'src/core never imports electron: pass the side effect in through an interface from src/main.',
            },
            {
              regex: '^(\\.\\./)+(main|preload|renderer|cli)(/.*)?$',
              message: 'src/core may not import from the layers above it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(electron|node:.*)$', message: 'The renderer talks only to the preload API.' },
            { regex: '^(\\.\\./)+(core|main|cli)(/.*)?$', message: 'The renderer talks only to the preload API.' },
          ],
        },
      ],
    },
  },
);
