import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{bin,engine,ingest,web,models,dbt}/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'web/app/.svelte-kit/**', 'web/app/build/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
