import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assembleWat, binaryModuleSource, WASM_MODULES } from '../../scripts/build-wasm.js';

describe('the committed wasm binaries', () => {
  for (const source of WASM_MODULES) {
    it(`${source.out} is ${source.wat} as it stands, assembled (npm run build:wasm)`, async () => {
      const committed = readFileSync(fileURLToPath(new URL(`../../${source.out}`, import.meta.url)), 'utf8');
      expect(committed).toBe(binaryModuleSource(source, await assembleWat(source)));
    });
  }
});
