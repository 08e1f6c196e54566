// The drawer every create/edit form uses: full width on a phone, a cancel/save footer, and the
// form-level problem (an error no field owns) above the fields.
import { Alert, Button, Drawer, Space } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsMobile } from './useIsMobile.ts';

export interface FormDrawerProps {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  /** Desktop width in px. */
  width?: number;
  saving: boolean;
  onSave: () => void;
  saveTestId: string;
  problem: string | null;
  children: ReactNode;
}

export function FormDrawer({ open, onClose, title, width = 480, saving, onSave, saveTestId, problem, children }: FormDrawerProps) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={mobile ? '100%' : width}
      title={title}
      destroyOnHidden
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={onSave} data-testid={saveTestId}>{t('common.save')}</Button>
        </Space>
      }
    >
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} /> : null}
      {children}
    </Drawer>
  );
}
