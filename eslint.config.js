import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layers of src/ and what each may import, lowest first. Everything may import shared; nothing imports upward.
 * electron is imported only by main (the adapters) and preload (the bridge); the tests check these rules.
 */
const LAYERS = {
  shared: { may: [], electron: false, node: false },
  core: { may: ['shared'], electron: false, node: true },
  cli: { may: ['core', 'shared'], electron: false, node: true },
  desktop: { may: ['core', 'shared'], electron: false, node: true },
  main: { may: ['desktop', 'core', 'shared'], electron: true, node: true },
  preload: { may: ['shared'], electron: true, node: false },
  renderer: { may: ['shared'], electron: false, node: false },
};

function layerRules(layer, { may, electron, node }) {
  const forbidden = Object.keys(LAYERS).filter((other) => other !== layer && !may.includes(other));
  const patterns = [
    { regex: `^(\\.\\./)+(${forbidden.join('|')})(/.*)?$`, message: `src/${layer} may import only ${[...may].join(', ') || 'nothing outside itself'}.` },
  ];
  if (!electron)
    patterns.push({
      regex: '^electron(/.*)?$',
      message: `src/${layer} never imports electron: only src/main (and the preload) do; pass the side effect in through an interface.`,
    });
  if (!node) patterns.push({ regex: '^node:', message: `src/${layer} runs in a sandboxed page: no Node modules.` });
  return { files: [`src/${layer}/**/*.ts`], rules: { 'no-restricted-imports': ['error', { patterns }] } };
}

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    // A promise nobody awaits hides its failure; one handed to a caller that expects void hides it too.
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // `const { secret: _, ...rest } = value` is how a field is left out.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  ...Object.entries(LAYERS).map(([layer, rule]) => layerRules(layer, rule)),
);
