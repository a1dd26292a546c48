import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * A static SPA: nothing is prerendered or server-rendered; the API server (server/src/plugins/web.ts)
 * serves web/build and falls back to index.html for client-side routes.
 * `precompress` writes .br/.gz beside every asset so the server sends them without compressing at runtime.
 * @type {import('@sveltejs/kit').Config}
 */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', precompress: true, strict: true }),
    alias: { $components: 'src/lib/components' },
  },
  compilerOptions: { runes: true },
};

export default config;
