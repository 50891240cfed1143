/**
 * TF.js as the trainer uses it: the core ops plus every gradient registered. tfjs-core's Node
 * build ships without gradients, and its ESM register_all_gradients cannot load under plain
 * Node (directory imports), so the gradients come from the @tensorflow/tfjs union package's
 * Node build, which registers them all on the same tfjs-core instance. One of them is then
 * replaced: matMul's, by one whose products all take wasm's fast path (matmul-gradient.ts); and
 * two are added: the fused dense kernel's, which TF.js leaves out (fused-dense.ts), and our own
 * im2col kernel's (im2col.ts).
 * Import tf from here, never from '@tensorflow/tfjs-core'.
 */
import '@tensorflow/tfjs';
import * as core from '@tensorflow/tfjs-core';
import { fusedDenseGradient } from './fused-dense.js';
import { im2colGradient } from './im2col.js';
import { untransposedMatMulGradient } from './matmul-gradient.js';

core.registerGradient(untransposedMatMulGradient(core));
core.registerGradient(fusedDenseGradient(core));
core.registerGradient(im2colGradient(core));

export * from '@tensorflow/tfjs-core';
