// ESLint for frontend/src (flat config). Formatting is prettier's job (.prettierrc.json);
// eslint checks correctness: undefined names, unused variables, unreachable code.
import js from '@eslint/js'
import globals from 'globals'

export default [
  { ignores: ['dist/**', 'node_modules/**'] },
  js.configs.recommended,
  {
    files: ['src/**/*.js', '*.mjs', '*.js'],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.browser },
    },
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['build.mjs', 'eslint.config.js'],
    languageOptions: { globals: { ...globals.node } },
  },
]
