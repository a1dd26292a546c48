import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

/** `pnpm dev`: Vite serves the app with hot reload and proxies the API to the server on API_PORT (default 3000). */
const api = `http://127.0.0.1:${process.env.API_PORT ?? '3000'}`;

export default defineConfig({
  plugins: [sveltekit()],
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    proxy: { '/api': { target: api, changeOrigin: false }, '/healthz': api },
  },
  build: { target: 'es2022', reportCompressedSize: false },
});
