/**
 * The TensorFlow.js compute backend, chosen at run time (SPEC §5, DESIGN "Training"): CUDA through
 * `@tensorflow/tfjs-node-gpu`, else the native CPU binding `@tensorflow/tfjs-node`, else WebAssembly
 * (`@tensorflow/tfjs-backend-wasm`, SIMD, single-threaded in Node), else plain JS (`cpu`). The two
 * native packages are optional dependencies that may be absent or installed without their binary,
 * so every error of loading them is caught and recorded as the reason they were skipped.
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as tfjs from '@tensorflow/tfjs';
import type { BackendName } from '../../shared/model/train';

export type TF = typeof tfjs;

export interface BackendInfo {
  tf: TF;
  backend: BackendName;
  /** Why each backend tried before the one in use was skipped, e.g. `tensorflow-gpu: Cannot find module …`. */
  reasons: string[];
}

const ORDER: BackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];
const NATIVE_PACKAGES: Partial<Record<BackendName, string>> = {
  'tensorflow-gpu': '@tensorflow/tfjs-node-gpu',
  tensorflow: '@tensorflow/tfjs-node',
};

/** Reasons found by earlier calls, so a second call does not retry a package that failed. */
const failed = new Map<BackendName, string>();
let wasmPathsSet = false;

function message(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0]!.slice(0, 300);
}

/**
 * Folder of the WASM binaries, resolved from the installed package (works from the sources, from an
 * esbuild bundle with packages external, and from an Electron `app.asar` whose `.wasm` files are
 * unpacked).
 */
export function wasmDir(): string {
  const req = createRequire(import.meta.url);
  const dir = path.dirname(req.resolve('@tensorflow/tfjs-backend-wasm'));
  const unpacked = dir.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
  return unpacked !== dir && existsSync(unpacked) ? unpacked : dir;
}

async function tryBackend(name: BackendName): Promise<TF> {
  const pkg = NATIVE_PACKAGES[name];
  if (pkg) {
    // A variable specifier keeps bundlers and tsc from resolving a package that may be absent.
    const mod = (await import(/* @vite-ignore */ pkg)) as { getBackend?: unknown; default?: TF };
    const tf = (typeof mod.getBackend === 'function' ? mod : mod.default) as TF;
    if (!(await tf.setBackend('tensorflow'))) throw new Error('the tensorflow backend did not initialise');
    await tf.ready();
    return tf;
  }
  if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    if (!wasmPathsSet) {
      wasm.setWasmPaths(wasmDir() + path.sep);
      wasmPathsSet = true;
    }
  }
  if (!(await tfjs.setBackend(name))) throw new Error(`the ${name} backend did not initialise`);
  await tfjs.ready();
  return tfjs;
}

/**
 * Select the best available backend (or `preferred` first, then the usual order) and make it the
 * active one. Never throws for a missing backend; `cpu` always works.
 * @returns the tf namespace to use, the backend's name and why better ones were skipped.
 */
export async function initBackend(preferred?: BackendName): Promise<BackendInfo> {
  const order = preferred ? [preferred, ...ORDER.filter((b) => b !== preferred)] : ORDER;
  const reasons: string[] = [];
  for (const name of order) {
    const known = failed.get(name);
    if (known) {
      reasons.push(`${name}: ${known}`);
      continue;
    }
    try {
      const tf = await tryBackend(name);
      return { tf, backend: name, reasons };
    } catch (err) {
      failed.set(name, message(err));
      reasons.push(`${name}: ${message(err)}`);
    }
  }
  throw new Error(`no TensorFlow.js backend could start: ${reasons.join('; ')}`);
}
