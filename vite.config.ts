import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

const serverPort = Number(process.env.PORT ?? 3000);
const target = `http://127.0.0.1:${serverPort}`;

export default defineConfig({
  root: 'client',
  plugins: [svelte()],
  resolve: {
    alias: {
      $shared: fileURLToPath(new URL('./shared/src', import.meta.url)),
      $lib: fileURLToPath(new URL('./client/src/lib', import.meta.url)),
    },
  },
  build: { outDir: '../dist/client', emptyOutDir: true },
  server: {
    port: 5173,
    // The dev server proxies the live protocols to the Node server (`npm run dev` starts both).
    proxy: {
      '/api': { target },
      '/yjs': { target, ws: true },
      '/socket.io': { target, ws: true },
    },
  },
});
