// 发现问题: what a micro-grid volunteer found on a round (a gathering, an unregistered arrival, a
// banquet…) goes into the staff tips inbox of its grid. Queued in the outbox, so it is saved at
// once with no signal and sent when the phone is back online.
import { useState } from 'react';
import { CODE_WORDS_EN, CODE_WORDS_ZH } from '../../shared/code-words.ts';
import { MAX_TIP_DESCRIPTION, MAX_TIP_PLACE, MIN_TIP_DESCRIPTION, TIP_CATEGORIES } from '../../shared/public-rules.ts';
import { type FindingCategory, queueFinding } from '../../client/offline/findings.ts';
import { InvalidChange } from '../../client/offline/household-changes.ts';
import { navigate } from '../../client/router.tsx';
import { Screen } from '../frame.tsx';
import { addTexts, t } from '../i18n.ts';
import { useDb, useRunner } from '../sync.ts';
import { Button, Choice, Field, Notice, toast } from '../ui.tsx';

addTexts('tipCategories', CODE_WORDS_ZH.tips.categories, CODE_WORDS_EN.tips.categories);

/** The phone's words for what checkFinding refuses (its messages are the server's English). */
function errorText(path: string): string {
  if (path === 'description') return t('phone.volunteer.descriptionError', { min: MIN_TIP_DESCRIPTION, max: MAX_TIP_DESCRIPTION });
  if (path === 'place') return t('phone.volunteer.placeError', { max: MAX_TIP_PLACE });
  return t('validation.required');
}

export default function Finding() {
  const db = useDb();
  const runner = useRunner();
  const [category, setCategory] = useState<FindingCategory>('gathering');
  const [description, setDescription] = useState('');
  const [place, setPlace] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setErrors({});
    setProblem(null);
    try {
      await queueFinding(db, { category, description, place });
      toast(t('phone.volunteer.sent'));
      void runner.run(true);
      navigate('/field', { replace: true });
    } catch (err) {
      if (err instanceof InvalidChange) setErrors(Object.fromEntries(err.issues.map((i) => [i.path, errorText(i.path)])));
      else setProblem(t('field.saveFailed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen title={t('phone.volunteer.finding')} back="/field" testId="volunteer-finding">
      <p className="muted">{t('phone.volunteer.findingIntro')}</p>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Field id="finding-category" label={t('phone.volunteer.category')} error={errors.category} required>
          <Choice name="category" wrap value={category} onChange={setCategory} options={TIP_CATEGORIES.map((c) => ({ value: c, label: t(`tipCategories.${c}`) }))} testId="finding-category" />
        </Field>
        <Field id="finding-description" label={t('phone.volunteer.description')} error={errors.description} required>
          <textarea id="finding-description" className="input" rows={4} maxLength={MAX_TIP_DESCRIPTION} placeholder={t('phone.volunteer.descriptionPlaceholder')} value={description} onChange={(e) => setDescription(e.target.value)} data-testid="finding-description" />
        </Field>
        <Field id="finding-place" label={t('phone.volunteer.place')} error={errors.place}>
          <input id="finding-place" className="input" maxLength={MAX_TIP_PLACE} placeholder={t('phone.volunteer.placePlaceholder')} value={place} onChange={(e) => setPlace(e.target.value)} data-testid="finding-place" />
        </Field>
        {problem ? <Notice kind="error">{problem}</Notice> : null}
        <Button kind="primary" type="submit" block busy={busy} data-testid="finding-save">
          {t('phone.volunteer.send')}
        </Button>
      </form>
    </Screen>
  );
}
