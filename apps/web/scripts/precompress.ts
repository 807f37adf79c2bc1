/**
 * Writes Brotli (.br) and gzip (.gz) copies of the built app's text assets next to them, so the server sends
 * compressed files without compressing per request (`@fastify/static` with `preCompressed`). Runs after
 * `vite build`; it prints the total before and after.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt)$/;
/** Below this, compression saves less than the headers cost. */
const MIN_BYTES = 1024;

let files = 0;
let raw = 0;
let brotli = 0;
for (const name of readdirSync(DIST, { recursive: true, encoding: 'utf8' })) {
  const file = path.join(DIST, name);
  if (!COMPRESSIBLE.test(name) || !statSync(file).isFile()) continue;
  const body = readFileSync(file);
  if (body.length < MIN_BYTES) continue;
  const br = brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
  writeFileSync(`${file}.br`, br);
  writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
  files++;
  raw += body.length;
  brotli += br.length;
}
console.log(
  `precompressed ${files} files: ${(raw / 1024).toFixed(0)} KiB → ${(brotli / 1024).toFixed(0)} KiB brotli`,
);
