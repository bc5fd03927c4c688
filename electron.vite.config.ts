// Build of the desktop shell and the renderer (DESIGN.md "Layout"): main → out/main, the sandboxed
// preload → out/preload (one CommonJS file, since sandboxed preloads cannot load ES modules or
// other files), and the renderer's two pages → out/renderer. The engine, back end and CLI are
// built separately for plain Node; nothing here needs the Electron binary.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

/**
 * Fontsource lists a WOFF fallback after each WOFF2 file. Chromium reads WOFF2, so the fallback
 * only doubles the bundle (and the self-contained HTML export); drop it.
 */
function woff2Only(): Plugin {
  return {
    name: 'modelwise:woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]@fontsource[\\/].*\.css$/.test(id)) return null;
      return { code: code.replace(/,\s*url\([^)]*\.woff\)\s*format\(['"]woff['"]\)/g, ''), map: null };
    },
  };
}

export default defineConfig({
  main: {
    build: {
      rolldownOptions: { input: { index: resolve('src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      // Bundle everything (the shared contract included) into one CommonJS file for `sandbox: true`.
      externalizeDeps: false,
      rolldownOptions: {
        // index: the wizard window; report: the hidden window that prints report.html to PDF.
        input: { index: resolve('src/preload/index.ts'), report: resolve('src/preload/report.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    base: './',
    plugins: [woff2Only(), svelte({ configFile: resolve('svelte.config.js') })],
    build: {
      outDir: resolve('out/renderer'),
      // Each page is one script and one stylesheet without shared chunks, so the HTML export can
      // inline `report.html` into a single self-contained file.
      isolatedEntries: true,
      assetsInlineLimit: 0,
      minify: true,
      rolldownOptions: {
        input: {
          index: resolve('src/renderer/index.html'),
          report: resolve('src/renderer/report.html'),
        },
      },
    },
  },
});
