// 我的: who is signed in and where, the language, the staff app (电脑版: everything the phone app
// leaves out) and signing out.
import { PASSWORD_PAGE, chooseDesktop } from '../../client/landing.ts';
import { navigate } from '../../client/router.tsx';
import { Screen } from '../frame.tsx';
import { t } from '../i18n.ts';
import { signOut, useMe } from '../session.ts';
import { Button, Card, LangSwitch } from '../ui.tsx';

export default function Me() {
  const me = useMe();
  return (
    <Screen title={t('phone.menu')} back="/field">
      <Card>
        <dl className="facts">
          <dt>{t('phone.name')}</dt>
          <dd data-testid="me-name">{me.user.displayName}</dd>
          <dt>{t('phone.role')}</dt>
          <dd>{t(`roles.${me.user.role}`)}</dd>
          <dt>{t('phone.region')}</dt>
          <dd>{me.region.name}</dd>
        </dl>
      </Card>
      <div className="stack">
        <LangSwitch />
        {/* The staff app's page (it needs the network anyway, and its strength meter is heavy). */}
        <Button onClick={() => location.assign(PASSWORD_PAGE)} data-testid="menu-change-password">
          {t('phone.changePassword')}
        </Button>
        <Button
          onClick={() => {
            chooseDesktop();
            location.assign('/');
          }}
          data-testid="open-desktop"
        >
          {t('phone.desktop')}
        </Button>
        <p className="muted small">{t('phone.desktopHint')}</p>
        <Button kind="danger" onClick={() => void signOut().then(() => navigate('/field/login', { replace: true }))} data-testid="sign-out">
          {t('phone.signOut')}
        </Button>
      </div>
    </Screen>
  );
}
