// The short number staff read out on the phone (JB-20261206-0042) in place of a record's id:
// shown in lists and details, and a search box on each list that finds it (?q=).
import { Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUrlFilters } from './useUrlFilters.ts';

/** The number in a fixed-width face that never wraps; `copyable` on detail pages. */
export function RecordNumber({ value, copyable = false, testId }: { value: string; copyable?: boolean; testId?: string }) {
  return (
    <Typography.Text className="gg-mono" copyable={copyable ? { text: value } : false} style={{ whiteSpace: 'nowrap', fontSize: 13 }} data-testid={testId}>
      {value}
    </Typography.Text>
  );
}

/** The list's ?q= kept in the URL, so back from a record returns to the same search. */
export function useNumberSearch(): string | undefined {
  const { params } = useUrlFilters();
  return params.get('q')?.trim() || undefined;
}

export function NumberSearchBox({ example, mobile, testId }: { example: string; mobile: boolean; testId: string }) {
  const { t } = useTranslation();
  const { params, setFilter } = useUrlFilters();
  const [text, setText] = useState(params.get('q') ?? '');
  return (
    <Input.Search
      allowClear
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        if (!e.target.value) setFilter({ q: undefined });
      }}
      onSearch={(v) => setFilter({ q: v.trim() || undefined })}
      placeholder={t('common.numberSearch', { example })}
      aria-label={t('common.number')}
      style={{ flex: '1 1 220px', maxWidth: mobile ? undefined : 300 }}
      data-testid={testId}
    />
  );
}
