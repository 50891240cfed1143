import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  // scripts/build.mjs runs from the repo root; pin the root so paths below are renderer-relative.
  root: import.meta.dirname,
  // Relative asset URLs: the same build loads over http (serve mode) and from file:// (Electron).
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Loaded from disk or localhost, never over a slow network: one ~700 kB chunk is fine.
    chunkSizeWarningLimit: 1024,
  },
});
