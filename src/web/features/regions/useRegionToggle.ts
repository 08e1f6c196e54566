// Deactivate or reactivate a region (with its subtree), after a confirmation.
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Region } from '../../../shared/regions.ts';
import { newIdempotencyKey } from '../../lib/api.ts';
import { useErrorText } from '../../lib/errors.ts';
import { patchRegion } from './regions.api.ts';

export function useRegionToggle(onDone: (region: Region) => void): (region: Pick<Region, 'id' | 'name' | 'active'>) => void {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const errorText = useErrorText();
  return (region) => {
    const deactivating = region.active;
    // One key for this confirmation: a double click on OK does not send two changes.
    const key = newIdempotencyKey();
    modal.confirm({
      title: t(deactivating ? 'territory.deactivateConfirm' : 'territory.reactivateConfirm', { name: region.name }),
      content: t(deactivating ? 'territory.deactivateWarn' : 'territory.reactivateWarn'),
      okText: deactivating ? t('territory.deactivate') : t('territory.reactivate'),
      okButtonProps: { danger: deactivating },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const updated = await patchRegion(region.id, { active: !deactivating }, key);
          void message.success(deactivating ? t('territory.deactivated') : t('territory.reactivated'));
          onDone(updated);
        } catch (err) {
          void message.error(errorText(err));
        }
      },
    });
  };
}
