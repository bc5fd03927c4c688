import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [svelte({ compilerOptions: { runes: true } })],
  resolve: { conditions: ['browser'] },
  test: {
    include: ['tests/{shared,engine,cases,cli,backend,renderer,main}/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Training and DuckDB are CPU-heavy; two cores here.
    maxWorkers: 2,
    projects: undefined,
  },
});
