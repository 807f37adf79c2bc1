import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const apiTarget = process.env.ARALIN_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: null,
      includeAssets: ['icon.svg', 'icon-192.png', 'icon-512.png'],
      manifest: {
        name: 'Aralin — AI tutor',
        short_name: 'Aralin',
        description: 'A friendly AI tutor for Filipino learners, in English and Filipino.',
        lang: 'en',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0b5cad',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        // The app shell: HTML, JS, CSS and icons. KaTeX fonts are cached at runtime when first used.
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/docs/, /^\/health\//, /^\/metrics/, /^\/openapi\.json/],
        runtimeCaching: [
          {
            urlPattern: ({ url }) =>
              url.pathname.startsWith('/assets/') && /\.(woff2?|ttf)$/.test(url.pathname),
            handler: 'CacheFirst',
            options: { cacheName: 'aralin-fonts', expiration: { maxEntries: 60 } },
          },
        ],
      },
    }),
  ],
  // @ai-sdk/react pins its own copies of `ai` and provider-utils; bundle one copy of each.
  // Browser-only stand-in for zod (see src/shims/zod.ts): saves ~40 KB gzipped on the chat route.
  resolve: {
    dedupe: ['ai', '@ai-sdk/provider-utils', '@ai-sdk/provider'],
    alias: [
      { find: /^zod(\/v[34])?$/, replacement: fileURLToPath(new URL('./src/shims/zod.ts', import.meta.url)) },
    ],
  },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false },
  server: { proxy: { '/api': apiTarget, '/health': apiTarget } },
});
