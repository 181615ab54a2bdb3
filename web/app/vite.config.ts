import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  // The engine (DuckDB, transformers.js) is never bundled: the server hands it to SvelteKit at run time.
  ssr: { external: ['@rebound/engine'] },
});
