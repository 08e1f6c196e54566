// A person's colour as a small tag with the reasons beside it (lists of people, the household page).
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RiskColour } from '../../../shared/risk.ts';

export const RISK_TAG_COLOURS: Record<RiskColour, string> = { green: 'green', yellow: 'gold', red: 'red' };
export const RISK_HEX: Record<RiskColour, string> = { green: '#52c41a', yellow: '#faad14', red: '#f5222d' };

export function RiskTag({ colour, reasons, showReasons = true }: { colour: RiskColour; reasons: readonly string[]; showReasons?: boolean }) {
  const { t } = useTranslation();
  const text = reasons.join('、');
  const tag = (
    <Tag color={RISK_TAG_COLOURS[colour]} data-testid={`risk-tag-${colour}`} style={{ marginInlineEnd: 4 }}>
      {t(`risk.colours.${colour}`)}
    </Tag>
  );
  if (!text) return tag;
  return (
    <span className="gg-risk-tag" style={{ display: 'inline-flex', alignItems: 'center', flexWrap: 'wrap', gap: 2 }}>
      <Tooltip title={text}>{tag}</Tooltip>
      {showReasons ? <span className="gg-muted" style={{ fontSize: 12 }} data-testid="risk-reasons">{text}</span> : null}
    </span>
  );
}
