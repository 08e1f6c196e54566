// 记录巡查 on the phone: the team (chosen already when there is one), the village for a town's
// team, the day's figures with big − and + buttons, places, a note, and photos from the camera,
// shrunk on the phone before they go up the slow link and uploaded at once. The log has its own
// id and one Idempotency-Key: a resend after a lost answer is the same log.
import { useEffect, useRef, useState } from 'react';
import type { PatrolTeam } from '../../shared/checkpoints.ts';
import type { PatrolLog, PatrolPhotoUploaded } from '../../shared/patrol-logs.ts';
import type { Region } from '../../shared/regions.ts';
import { en as patrolsEn, zh as patrolsZh } from '../../web/i18n/parts/patrols.ts';
import { values } from '../../client/contract-values.ts';
import { shrinkPhoto } from '../../client/photos.ts';
import { navigate } from '../../client/router.tsx';
import { api, newIdempotencyKey, withQuery } from '../api.ts';
import { useResource } from '../data.ts';
import { errorText, fieldErrors } from '../errors.ts';
import { Screen } from '../frame.tsx';
import { addTexts, t } from '../i18n.ts';
import { Button, Field, Notice, RegionOptions, toast } from '../ui.tsx';
import { chinaDay } from './PatrolHome.tsx';

addTexts('patrols', patrolsZh, patrolsEn);

type Figure = (typeof values.PATROL_FIGURES)[number];

function Stepper({ value, onChange, testId }: { value: number; onChange: (v: number) => void; testId: string }) {
  const set = (v: number) => onChange(Math.max(0, Math.min(100_000, Math.round(Number.isFinite(v) ? v : 0))));
  return (
    <div className="stepper" data-testid={testId}>
      <Button onClick={() => set(value - 1)} disabled={value <= 0} aria-label="−" data-testid={`${testId}-minus`}>
        −
      </Button>
      <input className="input" inputMode="numeric" value={String(value)} onChange={(e) => set(Number(e.target.value.replace(/\D/g, '')))} data-testid={`${testId}-input`} />
      <Button onClick={() => set(value + 1)} aria-label="+" data-testid={`${testId}-plus`}>
        +
      </Button>
    </div>
  );
}

export default function PatrolNew() {
  const teams = useResource('teams', () => api<{ items: PatrolTeam[] }>(withQuery('/patrol-teams', { active: 'true', limit: 500 })));
  const [teamId, setTeamId] = useState('');
  const team = teams.data?.items.find((x) => x.id === teamId);
  const region = useResource(team ? `region:${team.regionId}` : null, () => api<Region>(`/regions/${team?.regionId ?? 0}`));
  const townTeam = region.data?.level === 'town';
  const villages = useResource(townTeam && team ? `villages:${team.regionId}` : null, () => api<{ items: Region[] }>(withQuery('/regions', { parentId: team?.regionId, limit: 500 })));
  const [villageId, setVillageId] = useState<number | ''>('');
  const [day, setDay] = useState(chinaDay());
  const [figures, setFigures] = useState<Record<Figure, number>>({ gatheringsDispersed: 0, peopleDispersed: 0, maskReminders: 0, banquetsFound: 0 });
  const [places, setPlaces] = useState('');
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<{ sha256: string; preview: string }[]>([]);
  const [uploading, setUploading] = useState(0);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [ids] = useState(() => ({ log: newIdempotencyKey(), key: newIdempotencyKey() }));
  const fileInput = useRef<HTMLInputElement>(null);

  // One team only: it is chosen already.
  useEffect(() => {
    const items = teams.data?.items ?? [];
    if (items.length === 1 && !teamId) setTeamId(items[0]?.id ?? '');
  }, [teams.data, teamId]);

  async function addPhotos(files: FileList | null) {
    for (const file of [...(files ?? [])].slice(0, values.MAX_PATROL_PHOTOS - photos.length)) {
      setUploading((n) => n + 1);
      try {
        const small = await shrinkPhoto(file);
        const form = new FormData();
        form.append('file', small, 'photo.jpg');
        const { sha256 } = await api<PatrolPhotoUploaded>('/patrol-logs/photos', { method: 'POST', form });
        setPhotos((prev) => (prev.some((p) => p.sha256 === sha256) ? prev : [...prev, { sha256, preview: URL.createObjectURL(small) }]));
      } catch (err) {
        toast(errorText(err), 'error');
      } finally {
        setUploading((n) => n - 1);
      }
    }
    if (fileInput.current) fileInput.current.value = '';
  }

  const save = async () => {
    const missing: Record<string, string> = {};
    if (!teamId) missing.teamId = t('validation.required');
    if (townTeam && villageId === '') missing.regionId = t('validation.required');
    setErrors(missing);
    if (Object.keys(missing).length) return;
    setBusy(true);
    setProblem(null);
    try {
      await api<PatrolLog>('/patrol-logs', {
        method: 'POST',
        idempotencyKey: ids.key,
        body: { id: ids.log, teamId, regionId: townTeam ? villageId : team?.regionId, patrolledOn: day, ...figures, places: places.trim() || undefined, note: note.trim() || undefined, photos: photos.map((p) => p.sha256) },
      });
      toast(t('patrols.created'));
      navigate('/field', { replace: true });
    } catch (err) {
      setErrors(fieldErrors(err));
      setProblem(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen title={t('patrols.create')} back="/field">
      <form className="form" onSubmit={(e) => (e.preventDefault(), void save())} noValidate>
        {problem ? <Notice kind="error">{problem}</Notice> : null}
        <Field id="patrol-team" label={t('patrols.team')} error={errors.teamId} required>
          <select id="patrol-team" className="input" value={teamId} onChange={(e) => (setTeamId(e.target.value), setVillageId(''))} data-testid="patrol-team">
            <option value="">{teams.data?.items.length === 0 ? t('patrols.noTeams') : t('patrols.teamPick')}</option>
            {(teams.data?.items ?? []).map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}（{x.regionName}）
              </option>
            ))}
          </select>
        </Field>
        {townTeam ? (
          <Field id="patrol-village" label={t('patrols.village')} error={errors.regionId} required>
            <select id="patrol-village" className="input" value={villageId} onChange={(e) => setVillageId(e.target.value ? Number(e.target.value) : '')} data-testid="patrol-village">
              <option value="">{t('patrols.villagePick')}</option>
              <RegionOptions regions={(villages.data?.items ?? []).filter((r) => r.level === 'village' && r.active)} />
            </select>
          </Field>
        ) : null}
        <Field id="patrol-day" label={t('patrols.day')} error={errors.patrolledOn} required>
          <input id="patrol-day" type="date" className="input" max={chinaDay()} value={day} onChange={(e) => setDay(e.target.value)} data-testid="patrol-day" />
        </Field>
        <div className="figures">
          {values.PATROL_FIGURES.map((f) => (
            <Field key={f} id={`patrol-${f}`} label={t(`patrols.figures.${f}`)} error={errors[f]}>
              <Stepper value={figures[f]} onChange={(v) => setFigures((o) => ({ ...o, [f]: v }))} testId={`patrol-${f}`} />
            </Field>
          ))}
        </div>
        <Field id="patrol-places" label={t('patrols.places')} error={errors.places}>
          <input id="patrol-places" className="input" maxLength={500} placeholder={t('patrols.placesPlaceholder')} value={places} onChange={(e) => setPlaces(e.target.value)} data-testid="patrol-places" />
        </Field>
        <Field id="patrol-note" label={t('patrols.note')} error={errors.note}>
          <textarea id="patrol-note" className="input" rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} data-testid="patrol-note" />
        </Field>
        <Field id="patrol-photos" label={t('patrols.photos')} hint={t('patrols.photosHint', { max: values.MAX_PATROL_PHOTOS })} error={errors.photos}>
          <div className="photos" data-testid="patrol-photos">
            {photos.map((p) => (
              <div key={p.sha256} className="photo">
                <img src={p.preview} alt="" data-testid="patrol-photo-thumb" />
                <button type="button" onClick={() => setPhotos((prev) => prev.filter((x) => x.sha256 !== p.sha256))} aria-label={t('patrols.photoRemove')}>
                  ×
                </button>
              </div>
            ))}
            {uploading > 0 ? <span className="photo spinner-box"><span className="spinner" /></span> : null}
            {photos.length < values.MAX_PATROL_PHOTOS ? (
              <label className="photo photo-add" aria-label={t('patrols.photoAdd')} data-testid="patrol-photo-add">
                ＋
                {/* The camera straight away on a phone; a file on a desk. */}
                <input ref={fileInput} type="file" accept="image/*" capture="environment" multiple onChange={(e) => void addPhotos(e.target.files)} data-testid="patrol-photo-input" />
              </label>
            ) : null}
          </div>
        </Field>
        <Button kind="primary" type="submit" block busy={busy} disabled={uploading > 0} data-testid="patrol-save">
          {t('common.save')}
        </Button>
      </form>
    </Screen>
  );
}
