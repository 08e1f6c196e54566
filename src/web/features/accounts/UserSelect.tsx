// Pick an account of my subtree by searching its username or name.
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listUsers, userKeys } from './accounts.api.ts';

export function UserSelect({ value, onChange }: { value?: string; onChange?: (id: string | undefined) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const users = useQuery({ queryKey: [...userKeys.list(undefined, q), 'select'], queryFn: () => listUsers({ q: q || undefined, limit: 20 }) });
  return (
    <Select<string>
      value={value}
      onChange={(v, option) => {
        setPicked(v && option && !Array.isArray(option) && typeof option.label === 'string' ? { value: v, label: option.label } : null);
        onChange?.(v ?? undefined);
      }}
      allowClear
      placeholder={t('common.all')}
      loading={users.isFetching}
      showSearch={{ onSearch: setText, filterOption: false, searchValue: text }}
      onOpenChange={(open) => {
        if (!open) setText('');
      }}
      options={[
        ...(picked && picked.value === value && !users.data?.items.some((u) => u.id === value) ? [picked] : []),
        ...(users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName} · ${u.username}` })),
      ]}
      notFoundContent={users.isFetching ? t('common.loading') : t('common.none')}
    />
  );
}
