import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { createTestApp, type TestApp } from './support/app';

/** A stand-in for web/build: the SPA shell, a hashed asset with its precompressed siblings. */
function fakeWebBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-web-'));
  mkdirSync(join(dir, '_app/immutable/entry'), { recursive: true });
  const html = '<!doctype html><html><body><div id="app">Rapport SPA</div></body></html>';
  writeFileSync(join(dir, 'index.html'), html);
  writeFileSync(join(dir, 'index.html.br'), brotliCompressSync(html));
  const js = `export const hello = ${JSON.stringify('x'.repeat(2000))};`;
  writeFileSync(join(dir, '_app/immutable/entry/app.abc123.js'), js);
  writeFileSync(join(dir, '_app/immutable/entry/app.abc123.js.gz'), gzipSync(js));
  writeFileSync(join(dir, '_app/immutable/entry/app.abc123.js.br'), brotliCompressSync(js));
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dir;
}

describe('serving the web app (server/src/plugins/web.ts)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ WEB_DIR: fakeWebBuild() });
  });
  afterAll(() => t.close());

  it('serves index.html at / and revalidates it on every visit', async () => {
    const res = await t.request().get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toContain('Rapport SPA');
  });

  it('falls back to index.html for client-side routes', async () => {
    for (const path of ['/pipeline', '/contacts/2b1e0b8e-4c3a-4f0e-9d7c-2f0c1a9b8e11', '/follow-ups?tab=today']) {
      const res = await t.request().get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toContain('Rapport SPA');
    }
  });

  it('caches hashed assets for a year and sends the precompressed file the client accepts', async () => {
    const br = await t.request().get('/_app/immutable/entry/app.abc123.js').set('accept-encoding', 'br, gzip');
    expect(br.status).toBe(200);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.text).toContain('export const hello');

    const gz = await t.request().get('/_app/immutable/entry/app.abc123.js').set('accept-encoding', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');

    const plain = await t.request().get('/_app/immutable/entry/app.abc123.js').set('accept-encoding', 'identity');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('answers a missing hashed asset with 404, never with HTML', async () => {
    const res = await t.request().get('/_app/immutable/entry/app.gone999.js');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('keeps unknown API paths a 404 problem+json', async () => {
    for (const path of ['/api/v1/nope', '/api/v2/contacts', '/api']) {
      const res = await t.request().get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 404, title: 'Not Found' });
    }
  });

  it('does not fall back for other methods', async () => {
    const res = await t.request().post('/pipeline').send({});
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('still answers the API next to the app', async () => {
    const res = await t.request().get('/api/v1/me');
    expect(res.status).toBe(401);
  });
});
