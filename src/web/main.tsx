// Entry: zod without eval (the CSP forbids it), i18n (the first render is already in the right
// language), then the app.
import './app/zod-config.ts';
import './app/i18n.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { Providers } from './app/Providers.tsx';
import { router } from './app/router.tsx';
import './app/global.css';
import { registerServiceWorker } from './offline/register-sw.ts';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <Providers>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);

// The offline shell for the field app (PWA); not in dev, where Vite serves modules one by one.
if ((import.meta as unknown as { env: { PROD: boolean } }).env.PROD) registerServiceWorker();
