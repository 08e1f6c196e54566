// The web app: React + Ant Design, built into dist/web, which the server serves.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API server the dev server forwards to (npm start runs it on 3000).
const api = process.env.GRIDGUARD_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: '.',
  plugins: [react()],
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // React in its own long-cached chunk; antd is left to split per page, so the sign-in
        // page does not download the table, tree and date-picker code.
        codeSplitting: {
          groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ }],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': api, '/healthz': api },
  },
});
