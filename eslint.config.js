// Lint, with the house's layering rule: a folder is a runtime.
//   trainer/   never imports electron or react
//   renderer/  never imports node:* or TF.js
//   electron/  imports only trainer/protocol of the trainer, and no UI library
//   trainer/protocol.ts and trainer/protocol/ import only zod and each other
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'net', 'worker_threads'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-output/**', 'bench-output/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['trainer/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['electron', 'electron/*'], message: 'trainer/ runs outside Electron too: never import electron.' },
        { group: ['react', 'react-dom', 'react/*', 'react-dom/*', 'zustand', 'recharts', 'three'], message: 'trainer/ never imports UI libraries.' },
        { group: ['**/renderer/**', '**/electron/**'], message: 'trainer/ never imports from renderer/ or electron/.' },
        { group: ['@tensorflow/tfjs-core'], message: "import tf from trainer/nn/tf.ts: it registers the gradients tfjs-core lacks." },
      ] }],
    },
  },
  {
    files: ['trainer/nn/tf.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['trainer/protocol.ts', 'trainer/protocol/*.ts'],
    // Tests sit beside the parts they check; they are not part of the contract.
    ignores: ['trainer/protocol/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!zod$|\\./(protocol/)?[a-z-]+\\.js$)', message: 'The contract (protocol.ts and trainer/protocol/) is pure: it imports only zod and its own parts.' }] },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@tensorflow/*'], message: 'electron/ never runs TF.js: the trainer does, in its own process.' },
        { group: ['react', 'react-dom', 'react/*', 'react-dom/*', 'zustand', 'recharts', 'three'], message: 'electron/ is the thin shell: the window draws the UI.' },
        { group: ['**/renderer/**'], message: 'electron/ talks to the window through the preload bridge, never by importing it.' },
        { group: ['**/trainer/**', '!**/trainer/protocol', '!**/trainer/protocol.js', '!**/trainer/protocol.ts'], message: 'electron/ may import only trainer/protocol: the trainer runs in its own process.' },
      ] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: nodeBuiltins, message: 'renderer/ runs in a browser sandbox: no Node built-ins.' },
        { group: ['@tensorflow/*'], message: 'renderer/ never runs TF.js: it renders what the trainer reports.' },
        { group: ['electron'], message: 'renderer/ reaches Electron only through window.stagecraft.' },
        { group: ['**/trainer/**', '!**/trainer/protocol', '!**/trainer/protocol.js', '!**/trainer/protocol.ts'], message: 'renderer/ may import only trainer/protocol.' },
      ] }],
    },
  },
);
