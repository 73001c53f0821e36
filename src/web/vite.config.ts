import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The web app: built into dist/web, which the API server serves at / (src/api/web.ts). */
export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    // The check that matters is scripts/check-bundle.ts (initial JavaScript, gzip); no warning noise here.
    chunkSizeWarningLimit: 1024,
  },
  server: {
    // `vite --config src/web/vite.config.ts` during development: the API runs on `vetted serve`.
    proxy: { '/api': process.env.VETTED_API ?? 'http://127.0.0.1:3000' },
  },
});
