/**
 * TF.js as the trainer uses it: the core ops plus every gradient registered. tfjs-core alone
 * ships without gradients, so importing it directly would make backprop fail at run time.
 * Import tf from here, never from '@tensorflow/tfjs-core'.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';

export * from '@tensorflow/tfjs-core';
