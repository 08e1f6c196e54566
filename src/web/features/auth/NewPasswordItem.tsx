// A new-password box: zxcvbn's estimate as a meter while typing, and the server's own rule as
// the form's rule, so a weak password is explained before it is sent. The estimator (about 1 MB
// of dictionaries) is fetched when the first such box appears, never with the app's first load.
import { Form, type FormRule, Input, Progress } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PasswordOwner } from '../../../shared/password-strength.ts';

type Estimator = typeof import('../../../shared/password-strength.ts');
let estimatorPromise: Promise<Estimator> | null = null;
const loadEstimator = (): Promise<Estimator> => (estimatorPromise ??= import('../../../shared/password-strength.ts'));

function useEstimator(): Estimator | null {
  const [estimator, setEstimator] = useState<Estimator | null>(null);
  useEffect(() => {
    let live = true;
    void loadEstimator().then((loaded) => live && setEstimator(loaded));
    return () => {
      live = false;
    };
  }, []);
  return estimator;
}

const SCORE_COLOURS = ['#cf1322', '#fa541c', '#faad14', '#52c41a', '#389e0d'] as const;

export function PasswordMeter({ password, owner }: { password: string | undefined; owner: PasswordOwner }) {
  const { t } = useTranslation();
  const estimator = useEstimator();
  if (!password) return null;
  if (!estimator) return <div className="gg-muted">{t('password.checking')}</div>;
  const score = estimator.passwordScore(password, owner);
  return (
    <div data-testid="password-strength" data-score={score} style={{ display: 'flex', alignItems: 'center', gap: 8, marginTop: 4 }}>
      <Progress percent={(score + 1) * 20} steps={5} size="small" strokeColor={SCORE_COLOURS[score]} showInfo={false} />
      <span style={{ color: SCORE_COLOURS[score] }}>
        {t('password.strengthLabel')}：{t(`password.strength.${score}`)}
      </span>
    </div>
  );
}

/** The server's password rule as an antd rule, in the user's language. */
function strengthRule(t: (key: string) => string, owner: PasswordOwner): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (typeof value !== 'string' || !value) return;
      const problem = (await loadEstimator()).passwordProblem(value, owner);
      if (problem) throw new Error(t(`password.problems.${problem}`));
    },
  };
}

interface Props {
  name: string;
  label?: ReactNode;
  placeholder?: string;
  /** Whose password it is: its username and name count as guessable words. */
  owner: PasswordOwner;
  extra?: ReactNode;
  testId?: string;
  style?: CSSProperties;
}

export function NewPasswordItem({ name, label, placeholder, owner, extra, testId, style }: Props) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const value = Form.useWatch(name, form) as string | undefined;
  return (
    <Form.Item
      name={name}
      label={label}
      style={style}
      extra={
        <>
          {extra}
          <PasswordMeter password={value} owner={owner} />
        </>
      }
      rules={[{ required: true, message: t('validation.required') }, strengthRule(t, owner)]}
    >
      <Input.Password autoComplete="new-password" placeholder={placeholder} data-testid={testId} />
    </Form.Item>
  );
}
