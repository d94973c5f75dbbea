import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built into web/dist and served by the API process (api/web/static.ts); `npm run web:dev` proxies
// /api to a running `npm start`.
const here = import.meta.dirname;

export default defineConfig({
  root: here,
  plugins: [react()],
  build: {
    outDir: path.join(here, 'dist'),
    emptyOutDir: true,
    // Fonts and images stay files (cached for a year by their hashed names) rather than inlined data: URLs.
    assetsInlineLimit: 0,
    sourcemap: true,
    // The budget that matters is the initial JS, gzipped (≤ 300 kB), which the render benchmark prints.
    chunkSizeWarningLimit: 1000,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
