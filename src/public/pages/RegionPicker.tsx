// Cascading selects county → town → village → grid from /public/regions?parentId=. The value
// is the deepest region chosen; the form asks for at least a town.
import { useEffect, useState } from 'react';
import { getJson } from '../api.ts';
import { type Key, t } from '../i18n.ts';
import type { PublicRegion } from '../types.ts';

type Level = PublicRegion['level'];
interface Step {
  options: PublicRegion[];
  selected: number | null;
}
/** Tips are filed for a town, a village or a grid: the picker goes no deeper than grids. */
const LAST_LEVEL: Level = 'grid';

export interface RegionChoice {
  id: number;
  level: Level;
}

async function childrenOf(parentId: number | null): Promise<PublicRegion[]> {
  const query = parentId === null ? '' : `?parentId=${parentId}`;
  return (await getJson<{ items: PublicRegion[] }>(`/regions${query}`)).items;
}

export function RegionPicker({ onChange, error }: { onChange: (choice: RegionChoice | null) => void; error?: string | undefined }) {
  const [steps, setSteps] = useState<Step[]>([]);
  const [failed, setFailed] = useState(false);

  /** Shows `options` as the next select; a lone county is chosen for the person. */
  const extend = async (base: Step[], parentId: number | null) => {
    try {
      let next = [...base];
      let options = await childrenOf(parentId);
      while (options.length === 1 && options[0]?.level === 'county' && options[0].hasChildren) {
        const only = options[0];
        next = [...next, { options, selected: only.id }];
        onChange({ id: only.id, level: only.level });
        options = await childrenOf(only.id);
      }
      if (options.length > 0) next = [...next, { options, selected: null }];
      setSteps(next);
      setFailed(false);
    } catch {
      setFailed(true);
    }
  };

  // Dependencies left out on purpose: loads the top level once
  useEffect(() => {
    void extend([], null);
  }, []);

  const choose = (index: number, value: string) => {
    const step = steps[index];
    if (!step) return;
    const kept = steps.slice(0, index);
    const region = step.options.find((o) => String(o.id) === value) ?? null;
    const current = [...kept, { ...step, selected: region?.id ?? null }];
    setSteps(current);
    // Clearing a level falls back to the level above.
    const above = kept.at(-1);
    const aboveRegion = above?.options.find((o) => o.id === above.selected);
    const picked = region ?? aboveRegion ?? null;
    onChange(picked ? { id: picked.id, level: picked.level } : null);
    if (region?.hasChildren && region.level !== LAST_LEVEL) void extend(current, region.id);
  };

  return (
    <div className="region-picker" data-testid="region-picker">
      {steps.map((step, i) => {
        const level = step.options[0]?.level ?? 'town';
        const optional = level === 'village' || level === 'grid';
        return (
          // Keyed by position: one select per level, in order.
          <select
            key={i}
            aria-label={t(`region.${level}` as Key)}
            data-testid={`region-${level}`}
            value={step.selected ?? ''}
            onChange={(e) => choose(i, e.target.value)}
          >
            <option value="">
              {t(`region.${level}` as Key)}
              {optional ? t('region.optional') : ''} · {t('region.choose')}
            </option>
            {step.options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        );
      })}
      {failed && (
        <button type="button" className="link" onClick={() => void extend(steps, steps.at(-1)?.selected ?? null)}>
          {t('err.network')} · {t('app.retry')}
        </button>
      )}
      {error && (
        <div className="field-error" role="alert" data-testid="error-regionId">
          {error}
        </div>
      )}
    </div>
  );
}
