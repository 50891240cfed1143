import * as tf from './nn/tf.js';
import '@tensorflow/tfjs-backend-wasm';
await tf.setBackend('wasm');
console.log(tf.env().getBool('WASM_HAS_SIMD_SUPPORT'), tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT'));
const a = tf.randomNormal([1024, 1024]); const b = tf.randomNormal([1024, 1024]);
for (let i = 0; i < 3; i++) { const t = performance.now(); tf.matMul(a, b).dataSync(); console.log((performance.now() - t).toFixed(1)); }
