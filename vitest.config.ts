import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['trainer/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'electron/**/*.test.ts'],
    environment: 'node',
    // Training tests are real TF.js work on one wasm thread: give them room, and run files
    // in separate forks so one file's backend state never leaks into another's.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
