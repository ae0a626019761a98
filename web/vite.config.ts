import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app is built into web/dist and served by `tally serve` at /. In development
// (`npm run web:dev`) Vite serves it and forwards the API to a running `tally serve` on :3000.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
