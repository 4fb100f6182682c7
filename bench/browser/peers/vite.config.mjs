// Builds the two peer pages (production builds, as their users get them). Run by the bench only.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: './',
  logLevel: 'warn',
  define: { 'process.env.NODE_ENV': JSON.stringify('production'), 'process.env.IS_PREACT': JSON.stringify('false') },
  build: {
    emptyOutDir: true,
    chunkSizeWarningLimit: 10_000,
    rollupOptions: { input: { tldraw: here('tldraw.html'), excalidraw: here('excalidraw.html') } },
  },
});
