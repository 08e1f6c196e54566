// A headline number that shows in full where it fits and in 万 (or K/M in English) where it
// would not: "250,002" on a wide tile, "25万" on a 1366-px screen. The full figure stays in the title.
import { useTranslation } from 'react-i18next';
import { useFit } from '../../lib/useFit.ts';

export const fullNumber = (n: number) => n.toLocaleString('en-US');

/** 250002 → "25万" (zh) / "250K" (en); small numbers stay as they are. */
export function compactNumber(n: number, language: string): string {
  return new Intl.NumberFormat(language === 'en' ? 'en' : 'zh-CN', { notation: 'compact', maximumFractionDigits: 1 }).format(n);
}

interface Props {
  value: number;
  className?: string;
  testId?: string;
}

export function FitNumber({ value, className, testId }: Props) {
  const { i18n } = useTranslation();
  const [ref, fits] = useFit<HTMLSpanElement>([value, i18n.language]);
  const full = fullNumber(value);
  return (
    <span ref={ref} className={`ggd-fit ${className ?? ''}`} title={full} data-testid={testId} data-full={full}>
      {fits ? full : compactNumber(value, i18n.language)}
    </span>
  );
}
