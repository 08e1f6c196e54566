// Move a region (with its whole subtree) under another parent of the right level.
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Form, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Region, REGION_LEVELS, type RegionLevel } from '../../../shared/regions.ts';
import { useFormErrors } from '../../lib/errors.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { RegionSelect } from './RegionSelect.tsx';
import { patchRegion } from './regions.api.ts';

interface Props {
  region: Pick<Region, 'id' | 'name' | 'level' | 'parentId'> | null;
  onClose: () => void;
  onDone: (region: Region, oldParentId: number | null) => void;
}

const parentLevelOf = (level: RegionLevel): RegionLevel | undefined => REGION_LEVELS[REGION_LEVELS.indexOf(level) - 1];

export function RegionMoveModal({ region, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const formErrors = useFormErrors();
  const [form] = Form.useForm<{ parentId: number }>();
  const [problem, setProblem] = useState<string | null>(null);
  const { key, renew } = useIdempotencyKey();
  const parentLevel = region ? parentLevelOf(region.level) : undefined;

  useEffect(() => {
    if (!region) return;
    setProblem(null);
    form.resetFields();
  }, [region, form]);

  const move = useMutation({
    mutationFn: (parentId: number) => {
      if (!region) throw new Error('no region');
      return patchRegion(region.id, { parentId }, key);
    },
    onSuccess: (moved) => {
      renew();
      void message.success(t('territory.moved'));
      onDone(moved, region?.parentId ?? null);
    },
    onError: (err) => setProblem(formErrors(form, err, ['parentId'])),
  });

  return (
    <Modal
      open={region !== null}
      title={t('territory.moveTitle', { name: region?.name ?? '' })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={move.isPending}
      destroyOnHidden
    >
      <p className="gg-muted">{t('territory.moveHelp', { level: parentLevel ? t(`levels.${parentLevel}`) : '' })}</p>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" onFinish={(values) => move.mutate(values.parentId)}>
        <Form.Item name="parentId" label={t('territory.newParent')} rules={[{ required: true, message: t('validation.required') }]}>
          <RegionSelect level={parentLevel} exclude={region?.parentId ? [region.parentId] : []} placeholder={t('territory.searchPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
