// /p/tips/new: file a tip (有奖举报) with up to three photos, anonymously or with a phone.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { normaliseMobile } from '../../shared/normalise.ts';
import { ApiError, newIdempotencyKey, post } from '../api.ts';
import { type FormErrors, formErrorsOf } from '../errors.ts';
import { t, useLang } from '../i18n.ts';
import { shrinkPhoto } from '../../client/photos.ts';
import { Link, navigate } from '../../client/router.tsx';
import { keepCode } from '../tracking.ts';
import { CATEGORIES, type Category, MAX_TIP_DESCRIPTION, MAX_TIP_PHOTOS, MAX_TIP_PLACE, MIN_TIP_DESCRIPTION } from '../types.ts';
import { Alert, Field } from '../ui.tsx';
import { type RegionChoice, RegionPicker } from './RegionPicker.tsx';

interface Photo {
  id: number;
  blob: Blob;
  url: string;
}

const FIELDS: Record<string, () => string> = {
  category: () => t('tip.needCategory'),
  regionId: () => t('err.region'),
  description: () => t('tip.descLength'),
  place: () => t('tip.place'),
  phone: () => t('err.phone'),
  anonymous: () => t('tip.needPhone'),
};

export default function TipNew() {
  useLang();
  const [category, setCategory] = useState<Category | null>(null);
  const [region, setRegion] = useState<RegionChoice | null>(null);
  const [place, setPlace] = useState('');
  const [description, setDescription] = useState('');
  const [anonymous, setAnonymous] = useState(true);
  const [phone, setPhone] = useState('');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [preparing, setPreparing] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [errors, setErrors] = useState<FormErrors>({ message: null, fields: {} });
  const [code, setCode] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  // One key per submission, kept across retries: a second tap, or a retry after the signal
  // dropped mid-answer, files the tip once. Dropped when the server gave a definite refusal
  // (nothing was stored), so the corrected form is a new submission.
  const keyRef = useRef<string | null>(null);
  const nextPhotoId = useRef(1);
  const photosRef = useRef(photos);
  photosRef.current = photos;

  // Thumbnails are object URLs: free them when the page goes.
  useEffect(() => () => photosRef.current.forEach((p) => URL.revokeObjectURL(p.url)), []);

  const addPhotos = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    setPreparing(true);
    const room = MAX_TIP_PHOTOS - photos.length;
    const added: Photo[] = [];
    for (const file of Array.from(files).slice(0, room)) {
      const blob = await shrinkPhoto(file);
      added.push({ id: nextPhotoId.current++, blob, url: URL.createObjectURL(blob) });
    }
    setPhotos((prev) => [...prev, ...added].slice(0, MAX_TIP_PHOTOS));
    setPreparing(false);
    clearPhotoErrors();
  };

  /** A field's error goes as soon as the person changes that field. */
  const clear = (name: string) =>
    setErrors((prev) => {
      if (!(name in prev.fields)) return prev;
      const { [name]: _gone, ...fields } = prev.fields;
      return { message: prev.message, fields };
    });

  const clearPhotoErrors = () =>
    setErrors((prev) => ({ message: prev.message, fields: Object.fromEntries(Object.entries(prev.fields).filter(([k]) => !k.startsWith('photos'))) }));

  const removePhoto = (id: number) => {
    const gone = photos.find((p) => p.id === id);
    if (gone) URL.revokeObjectURL(gone.url);
    setPhotos(photos.filter((p) => p.id !== id));
    // Positions shift: the server's photos[i] no longer points at the same picture.
    clearPhotoErrors();
  };

  const validate = (): Record<string, string> => {
    const fields: Record<string, string> = {};
    if (!category) fields.category = t('tip.needCategory');
    if (!region || region.level === 'county') fields.regionId = t('tip.needTown');
    const text = description.trim();
    if (text.length < MIN_TIP_DESCRIPTION || text.length > MAX_TIP_DESCRIPTION) fields.description = t('tip.descLength');
    if (!anonymous) {
      if (!phone.trim()) fields.phone = t('tip.needPhone');
      else if (!normaliseMobile(phone).ok) fields.phone = t('err.phone');
    }
    return fields;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (progress !== null || preparing) return;
    const fields = validate();
    if (Object.keys(fields).length > 0 || !category || !region) {
      setErrors({ message: t('err.invalid'), fields });
      return;
    }
    setErrors({ message: null, fields: {} });
    const data = {
      category,
      regionId: region.id,
      description: description.trim(),
      ...(place.trim() ? { place: place.trim() } : {}),
      anonymous,
      ...(anonymous ? {} : { phone: phone.trim() }),
    };
    const form = new FormData();
    form.append('data', JSON.stringify(data));
    photos.forEach((p, i) => form.append('photos', p.blob, `photo-${i + 1}.jpg`));
    keyRef.current ??= newIdempotencyKey();
    setProgress(0);
    try {
      const created = await post<{ trackingCode: string }>('/tips', form, keyRef.current, (f) => setProgress(Math.round(f * 100)));
      keepCode(created.trackingCode);
      setCode(created.trackingCode);
      window.scrollTo(0, 0);
    } catch (err) {
      if (!(err instanceof ApiError && err.network)) keyRef.current = null;
      setErrors(formErrorsOf(err, (path) => FIELDS[path]?.() ?? null));
    } finally {
      setProgress(null);
    }
  };

  if (code) {
    const copy = async () => {
      try {
        await navigator.clipboard.writeText(code);
        setCopied(true);
      } catch {
        // No clipboard on plain HTTP: the code is selectable text anyway.
      }
    };
    return (
      <section className="card center" data-testid="tip-done">
        <div className="done-mark" aria-hidden="true">
          ✓
        </div>
        <h1>{t('tip.done')}</h1>
        <p className="muted">{t('tip.codeLabel')}</p>
        <p className="tracking-code" data-testid="tracking-code">
          {code}
        </p>
        <button type="button" className="button secondary" onClick={() => void copy()}>
          {copied ? t('tip.copied') : t('tip.copy')}
        </button>
        <Alert kind="info">{t('tip.saveAdvice')}</Alert>
        <button type="button" className="button block" data-testid="tip-track-now" onClick={() => navigate('/p/tips/track')}>
          {t('tip.trackNow')}
        </button>
        <Link to="/p" className="button secondary block">
          {t('app.backHome')}
        </Link>
      </section>
    );
  }

  const sending = progress !== null;
  const count = description.trim().length;
  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate data-testid="tip-form">
      <h1>{t('tip.title')}</h1>
      <p className="muted">{t('tip.intro')}</p>

      <fieldset className={errors.fields.category ? 'field has-error' : 'field'}>
        <legend>{t('tip.category')}</legend>
        <div className="choice-grid">
          {CATEGORIES.map((c) => (
            <label key={c} className={category === c ? 'choice active' : 'choice'}>
              <input type="radio" name="category" value={c} checked={category === c} onChange={() => {
                  setCategory(c);
                  clear('category');
                }} data-testid={`tip-category-${c}`} />
              {t(`cat.${c}`)}
            </label>
          ))}
        </div>
        {errors.fields.category && (
          <div className="field-error" role="alert">
            {errors.fields.category}
          </div>
        )}
      </fieldset>

      <div className={errors.fields.regionId ? 'field has-error' : 'field'}>
        <span className="label">{t('tip.region')}</span>
        <RegionPicker
          onChange={(choice) => {
            setRegion(choice);
            clear('regionId');
          }}
          error={errors.fields.regionId}
        />
      </div>

      <Field id="tip-place" label={t('tip.place')} error={errors.fields.place}>
        <input id="tip-place" data-testid="tip-place" value={place} maxLength={MAX_TIP_PLACE} placeholder={t('tip.placeHint')} onChange={(e) => {
            setPlace(e.target.value);
            clear('place');
          }} />
      </Field>

      <Field
        id="tip-description"
        label={t('tip.description')}
        error={errors.fields.description}
        hint={
          <span className={count > MAX_TIP_DESCRIPTION || (count > 0 && count < MIN_TIP_DESCRIPTION) ? 'counter over' : 'counter'} data-testid="tip-description-count">
            {count} / {MAX_TIP_DESCRIPTION}
          </span>
        }
      >
        <textarea
          id="tip-description"
          data-testid="tip-description"
          rows={5}
          value={description}
          placeholder={t('tip.descriptionHint')}
          onChange={(e) => {
            setDescription(e.target.value);
            clear('description');
          }}
        />
      </Field>

      <div className="field">
        <span className="label">{t('tip.photos', { n: MAX_TIP_PHOTOS })}</span>
        <div className="thumbs">
          {photos.map((p, i) => (
            <figure key={p.id} className={errors.fields[`photos[${i}]`] ? 'thumb has-error' : 'thumb'}>
              <img src={p.url} alt={t('tip.photoN', { n: i + 1 })} />
              <button type="button" className="thumb-remove" aria-label={t('tip.removePhoto', { n: i + 1 })} onClick={() => removePhoto(p.id)} disabled={sending}>
                ×
              </button>
            </figure>
          ))}
        </div>
        {/* Each message names its photo ("第2张照片…"), and that thumbnail is outlined. */}
        {Object.entries(errors.fields)
          .filter(([path]) => path.startsWith('photos'))
          .map(([path, text]) => (
            <div key={path} className="field-error" role="alert">
              {text}
            </div>
          ))}
        {photos.length < MAX_TIP_PHOTOS && (
          <label className="button secondary block file-button">
            {preparing ? t('tip.preparing') : t('tip.addPhoto')}
            <input
              type="file"
              accept="image/*"
              capture="environment"
              multiple
              data-testid="tip-photo-input"
              disabled={preparing || sending}
              onChange={(e) => {
                void addPhotos(e.target.files);
                e.target.value = '';
              }}
            />
          </label>
        )}
      </div>

      <div className="field">
        <label className="switch">
          <input type="checkbox" checked={anonymous} onChange={(e) => {
            setAnonymous(e.target.checked);
            clear('phone');
          }} data-testid="tip-anonymous" />
          {t('tip.anonymous')}
        </label>
      </div>
      {!anonymous && (
        <Field id="tip-phone" label={t('tip.phone')} error={errors.fields.phone}>
          <input id="tip-phone" data-testid="tip-phone" type="tel" inputMode="tel" autoComplete="tel" value={phone} onChange={(e) => {
            setPhone(e.target.value);
            clear('phone');
          }} />
        </Field>
      )}

      {errors.message && <Alert testId="tip-error">{errors.message}</Alert>}
      {sending && (
        <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={progress}>
          <div style={{ width: `${progress}%` }} />
        </div>
      )}
      <button type="submit" className="button block" disabled={sending || preparing} data-testid="tip-submit">
        {sending ? t('tip.sending', { p: progress }) : t('tip.submit')}
      </button>
    </form>
  );
}
