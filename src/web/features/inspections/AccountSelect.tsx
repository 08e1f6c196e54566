// Pick a staff account of my subtree by name or username (a member's linked account, a
// finding's owner); the current one is shown by name even when not among the first results.
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listUsers } from '../accounts/accounts.api.ts';

/**
 * An account of my subtree, searched by name or username; the linked one is shown by name.
 * `boundTo`: only accounts bound to exactly that region (a team's linked members: an account of a
 * village below a town team would learn when its own village is to be inspected, and the server
 * refuses it).
 */
export function AccountSelect({ value, onChange, current, placeholder, testId, boundTo }: { value?: string | null; onChange?: (id: string | null) => void; current?: { id: string; name: string } | null; placeholder: string; testId: string; boundTo?: number }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const users = useQuery({ queryKey: ['inspections', 'accounts', q, boundTo], queryFn: () => listUsers({ q: q || undefined, regionId: boundTo, limit: boundTo ? 100 : 20 }) });
  const options = (users.data?.items ?? []).filter((u) => boundTo === undefined || u.regionId === boundTo).map((u) => ({ value: u.id, label: `${u.displayName} · ${u.username} · ${t(`roles.${u.role}`)}` }));
  if (current && !options.some((o) => o.value === current.id)) options.unshift({ value: current.id, label: current.name });
  return (
    <Select<string>
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      allowClear
      placeholder={placeholder}
      loading={users.isFetching}
      showSearch={{ onSearch: setText, filterOption: false, searchValue: text }}
      onOpenChange={(open) => {
        if (!open) setText('');
      }}
      options={options}
      notFoundContent={users.isFetching ? t('common.loading') : t('common.none')}
      data-testid={testId}
    />
  );
}
