// The full-page frame of the pages around signing in (sign-in, choosing a new password): the
// dark grid background, the language switch, one centred column.
import type { ReactNode } from 'react';
import { LanguageSwitch } from '../../app/LanguageSwitch.tsx';
import './login.css';

export function AuthLayout({ children, footer }: { children: ReactNode; footer?: ReactNode }) {
  return (
    <div className="gg-login">
      <div className="gg-login-lang">
        <LanguageSwitch dark />
      </div>
      <div className="gg-login-inner">{children}</div>
      {footer === undefined ? null : <div className="gg-login-footer">{footer}</div>}
    </div>
  );
}
