/**
 * Picks the fastest TF.js backend that works on this machine, in a fixed order of preference.
 * The native packages are optionalDependencies: where their install failed (no libtensorflow
 * download, no CUDA) the import fails and we move on, saying why. Once a backend is set, the
 * kernel seam (nn/kernels.ts) installs our kernels and gradients for it.
 */
import { installKernels, parseKernelRequest, WASM_KERNELS_ENV, type KernelRequest } from '../nn/kernels.js';
import * as tf from '../nn/tf.js';
import { BackendName, type KernelSet } from '../protocol.js';

export const BACKEND_ORDER: readonly BackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

/** The env var a user sets to force one backend, e.g. STAGECRAFT_BACKEND=cpu. */
export const BACKEND_ENV = 'STAGECRAFT_BACKEND';

export interface BackendChoice {
  backend: BackendName;
  requested: BackendName | null;
  skipped: { backend: BackendName; reason: string }[];
  /** Our wasm kernels, or TF.js's stock ones and why (nn/kernels.ts). */
  kernels: KernelSet;
}

// Module names live in variables so bundlers and tsc leave the optional imports alone.
const NATIVE_MODULE: Record<'tensorflow-gpu' | 'tensorflow', string> = {
  'tensorflow-gpu': '@tensorflow/tfjs-node-gpu',
  tensorflow: '@tensorflow/tfjs-node',
};

async function tryBackend(name: BackendName): Promise<void> {
  if (name === 'tensorflow-gpu' || name === 'tensorflow') {
    await import(NATIVE_MODULE[name]);
    if (!(await tf.setBackend('tensorflow'))) throw new Error('the native backend did not initialise');
    if (name === 'tensorflow-gpu' && !(await hasCuda())) {
      throw new Error('no CUDA device found');
    }
    return;
  }
  if (name === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  else await import('@tensorflow/tfjs-backend-cpu');
  if (!(await tf.setBackend(name))) throw new Error(`tf.setBackend('${name}') failed`);
}

/**
 * tfjs-node-gpu silently runs on CPU when CUDA is missing; check that a GPU is really there.
 * Linux exposes /dev/nvidia0; elsewhere nvidia-smi answering is the sign.
 */
async function hasCuda(): Promise<boolean> {
  const { existsSync } = await import('node:fs');
  if (existsSync('/dev/nvidia0')) return true;
  const { spawnSync } = await import('node:child_process');
  return spawnSync('nvidia-smi', ['-L'], { timeout: 3000 }).status === 0;
}

export function parseRequestedBackend(value: string | undefined): BackendName | null {
  if (!value) return null;
  const parsed = BackendName.safeParse(value);
  if (!parsed.success) {
    throw new Error(`${BACKEND_ENV}='${value}' is not a backend; use one of ${BACKEND_ORDER.join(', ')}.`);
  }
  return parsed.data;
}

/** The backend selectBackend settled on in this process (TF.js names both native ones 'tensorflow'). */
let selected: BackendName | null = null;

export function selectedBackend(): BackendName | null {
  return selected;
}

/**
 * Tries the requested backend first (if any), then the preference order, and installs our
 * kernels for the one that starts: on wasm unless `kernels` (by default STAGECRAFT_WASM_KERNELS)
 * asks for the stock ones.
 */
export async function selectBackend(requested: BackendName | null, kernels: KernelRequest = parseKernelRequest(process.env[WASM_KERNELS_ENV])): Promise<BackendChoice> {
  const order = requested ? [requested, ...BACKEND_ORDER.filter((b) => b !== requested)] : BACKEND_ORDER;
  const skipped: BackendChoice['skipped'] = [];
  for (const name of order) {
    try {
      await tryBackend(name);
      await tf.ready();
      selected = name;
      return { backend: name, requested, skipped, kernels: installKernels(name, kernels) };
    } catch (error) {
      skipped.push({ backend: name, reason: firstLine(error) });
    }
  }
  throw new Error(`No TF.js backend could start: ${skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')}`);
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? text).slice(0, 300);
}
