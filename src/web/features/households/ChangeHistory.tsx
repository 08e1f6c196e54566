// 修改记录: who changed which fields of a household or a person, when, old → new. ID and phone
// numbers come masked from the server, health-related fields as "changed" alone, and versions
// saved before values were kept as field names alone.
import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Spin, Tag, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldChange } from '../../../shared/history.ts';
import { CATEGORY_LABELS_ZH } from '../../../shared/labels.ts';
import { useErrorText } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { getHistory, householdKeys } from './households.api.ts';

function useValueText() {
  const { t, i18n } = useTranslation();
  return (field: string, v: FieldChange['old']): string => {
    if (v === null || v === undefined || v === '') return t('householdEdit.history.none');
    if (typeof v === 'boolean') return v ? t('householdEdit.yes') : t('householdEdit.no');
    const s = String(v);
    if (field === 'category') return i18n.language === 'en' ? t(`persons.categories.${s}`, { defaultValue: s }) : (CATEGORY_LABELS_ZH as Record<string, string>)[s] ?? s;
    if (field === 'travelMode') return t(`householdEdit.travelModes.${s}`, { defaultValue: s });
    if (field === 'dwellingRelation') return t(`householdEdit.dwellingRelations.${s}`, { defaultValue: s });
    if (field === 'riskColour') return t(`risk.colours.${s}`, { defaultValue: s });
    return s;
  };
}

function ChangeLine({ change }: { change: FieldChange }) {
  const { t } = useTranslation();
  const valueText = useValueText();
  const label = t(`householdEdit.fields.${change.field}`, { defaultValue: change.field });
  if (change.shown === 'changed' || change.shown === 'name_only') {
    return (
      <div data-testid="history-change">
        <strong>{label}</strong>
        <span className="gg-muted">：{t(change.shown === 'changed' ? 'householdEdit.history.changed' : 'householdEdit.history.nameOnly')}</span>
      </div>
    );
  }
  return (
    <div data-testid="history-change" style={{ overflowWrap: 'anywhere' }}>
      <strong>{label}</strong>：
      <span className={change.shown === 'masked' ? 'gg-mono' : undefined} style={{ color: '#8c8c8c', textDecoration: 'line-through' }}>{valueText(change.field, change.old)}</span>
      {' → '}
      <span className={change.shown === 'masked' ? 'gg-mono' : undefined}>{valueText(change.field, change.new)}</span>
    </div>
  );
}

export function ChangeHistory({ entity, id }: { entity: 'household' | 'person'; id: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const history = useQuery({ queryKey: householdKeys.history(entity, id), queryFn: () => getHistory(entity, id) });
  if (history.isPending) return <Spin style={{ display: 'block', margin: '16px auto' }} />;
  if (history.isError) return <Alert type="error" showIcon title={errorText(history.error)} />;
  if (history.data.items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('householdEdit.history.empty')} />;
  return (
    <Timeline
      data-testid={`${entity}-history`}
      items={history.data.items.map((e) => ({
        color: 'blue',
        content: (
          <div style={{ fontSize: 13 }}>
            <div style={{ display: 'flex', gap: 6, flexWrap: 'wrap', alignItems: 'center', marginBottom: 4 }}>
              <span>{e.by ?? t('householdEdit.history.unknownUser')}</span>
              <span className="gg-muted" style={{ fontSize: 12 }}>{formatDateTime(e.at)}</span>
              <Tag style={{ marginInlineEnd: 0 }}>{t('householdEdit.history.version', { v: e.version })}</Tag>
            </div>
            {e.fields.map((c) => <ChangeLine key={c.field} change={c} />)}
          </div>
        ),
      }))}
    />
  );
}
