// The staff app (loaded by main.tsx): zod without eval (the CSP forbids it), i18n (the first
// render is already in the right language), then the app.
import './app/zod-config.ts';
import './app/i18n.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { Providers } from './app/Providers.tsx';
import { router } from './app/router.tsx';
import './app/global.css';
import { registerServiceWorker } from './app/register-sw.ts';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <Providers>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);

// The staff app's offline shell (PWA; the phone app has its own); not in dev, where Vite serves modules one by one.
if ((import.meta as unknown as { env: { PROD: boolean } }).env.PROD) registerServiceWorker();
