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
  resolve: {
    // @ai-sdk/react pins its own copies of `ai` and provider-utils; bundle one copy of each (and of zod).
    dedupe: ['ai', '@ai-sdk/provider-utils', '@ai-sdk/provider', 'zod'],
    // Preact's React-compatible runtime (~11 KB gzipped) instead of react-dom (~58 KB): the code is written
    // and type-checked against React's API; see docs/web.md "Bundle budget".
    alias: [
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react-dom$/, replacement: 'preact/compat' },
      { find: /^react\/jsx-(dev-)?runtime$/, replacement: 'preact/jsx-runtime' },
      { find: /^react$/, replacement: 'preact/compat' },
    ],
  },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false },
  server: { proxy: { '/api': apiTarget, '/health': apiTarget } },
});
