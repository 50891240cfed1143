/**
 * TF.js as the trainer uses it: the core ops plus every gradient registered. tfjs-core's Node
 * build ships without gradients, and its ESM register_all_gradients cannot load under plain
 * Node (directory imports), so the gradients come from the @tensorflow/tfjs union package's
 * Node build, which registers them all on the same tfjs-core instance. Our own kernels and
 * gradients are installed by kernels.ts once a backend is selected, never on import.
 * Import tf from here, never from '@tensorflow/tfjs-core'.
 */
import '@tensorflow/tfjs';

export * from '@tensorflow/tfjs-core';
