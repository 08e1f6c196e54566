// The short number staff read out on the phone (JB-20261206-0042) in place of a record's id:
// shown in lists and details, and a search box on each list that finds it (?q=).
import { Input, Typography } from 'antd';
import { type CSSProperties, type ReactNode, useState } from 'react';
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

/**
 * A card's small grey line: the record's number, whole and never broken, then the other parts
 * (the place, a time, a team) joined by " · ". The line wraps between and inside its parts rather
 * than cutting them with an ellipsis, so the number and the town / village / group read in full
 * on a 360-px phone and in narrow cards. `placeTestId` marks the place part.
 */
export function NumberLine({ number, numberTestId, place, placeTestId, rest = [], style }: {
  number: string;
  numberTestId: string;
  place?: ReactNode;
  placeTestId?: string;
  rest?: ReactNode[];
  style?: CSSProperties;
}) {
  const parts = [place === undefined ? null : <span key="place" data-testid={placeTestId}>{place}</span>, ...rest.map((r, i) => <span key={i}>{r}</span>)].filter(Boolean);
  return (
    <div className="gg-muted" style={{ fontSize: 12, marginTop: 4, overflowWrap: 'anywhere', ...style }} data-testid="record-number-line">
      <span className="gg-mono" style={{ whiteSpace: 'nowrap' }} data-testid={numberTestId}>{number}</span>
      {parts.map((p, i) => <span key={i}> · {p}</span>)}
    </div>
  );
}

/**
 * Text in a table cell (or header) that wraps at `maxWidth` instead of widening its column: the
 * tables size their columns to their content (RecordTable's max-content), so a long place
 * ("城关镇 / 城南社区 / 第二村民小组") or header would otherwise push the table sideways.
 */
export function Wrapped({ children, maxWidth, testId }: { children: ReactNode; maxWidth: number; testId?: string }) {
  return <span style={{ display: 'inline-block', maxWidth, whiteSpace: 'normal', overflowWrap: 'anywhere' }} data-testid={testId}>{children}</span>;
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
