// The staff app's ways to the phone app (field.html at /field): a /field address reached inside
// the staff app (an old link, the menu) is loaded from the server instead, once.
import { Button, Result } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';

const LEFT_KEY = 'gridguard.leftForPhoneApp';

/** Opens the phone app at this address (a full page load: it is another app). */
export function openPhoneApp(path = '/field'): void {
  window.location.assign(path);
}

export function LeaveForPhoneApp() {
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  const target = pathname + search;
  useEffect(() => {
    // Only once per address and tab: if something answered the staff app for it again (an old
    // service worker), the button below is the way out, not a reload loop.
    try {
      if (sessionStorage.getItem(LEFT_KEY) === target) return;
      sessionStorage.setItem(LEFT_KEY, target);
    } catch {
      return;
    }
    window.location.replace(target);
  }, [target]);
  return <Result status="info" title={t('nav.phoneApp')} extra={<Button type="primary" href={target}>{t('nav.openPhoneApp')}</Button>} />;
}
