// 记录巡查: the phone-first form of a patrol — team, village, the day's figures with big steppers,
// places, a note and photos taken with the phone's camera (uploaded at once, attached on save).
import { CameraOutlined, CloseOutlined, MinusOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, InputNumber, Select, Spin } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_PATROL_PHOTOS, PATROL_FIGURES, type PatrolFigure } from '../../../shared/patrol-logs.ts';
import { useErrorText, useFormErrors } from '../../lib/errors.ts';
import { FormDrawer } from '../../lib/FormDrawer.tsx';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { RegionSelect } from '../regions/RegionSelect.tsx';
import { getRegion, regionKeys } from '../regions/regions.api.ts';
import { createPatrolLog, listTeams, patrolKeys, uploadPatrolPhoto } from './patrols.api.ts';

interface Values extends Record<PatrolFigure, number> {
  teamId: string;
  regionId?: number;
  patrolledOn: Dayjs;
  places?: string;
  note?: string;
}
const FIELDS = ['teamId', 'regionId', 'patrolledOn', ...PATROL_FIGURES, 'places', 'note', 'photos'] as const;

/** A number with large − and + buttons: easy to tap with a thumb. */
function Stepper({ value = 0, onChange, testId }: { value?: number; onChange?: (v: number) => void; testId: string }) {
  const set = (v: number | null) => onChange?.(Math.max(0, Math.min(100_000, Math.round(v ?? 0))));
  return (
    <div style={{ display: 'flex', gap: 6, alignItems: 'center' }} data-testid={testId}>
      <Button size="large" icon={<MinusOutlined />} onClick={() => set(value - 1)} disabled={value <= 0} aria-label="−" data-testid={`${testId}-minus`} />
      <InputNumber size="large" min={0} max={100_000} precision={0} controls={false} value={value} onChange={set} inputMode="numeric" style={{ width: 80, textAlign: 'center' }} data-testid={`${testId}-input`} />
      <Button size="large" icon={<PlusOutlined />} onClick={() => set(value + 1)} aria-label="+" data-testid={`${testId}-plus`} />
    </div>
  );
}

interface Photo {
  sha256: string;
  preview: string;
}

export function PatrolLogDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const formErrors = useFormErrors();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [uploading, setUploading] = useState(0);
  // The log's own id, made here: a resend after a lost answer is the same log.
  const [logId, setLogId] = useState(() => crypto.randomUUID());
  const { key, renew } = useIdempotencyKey();
  const fileInput = useRef<HTMLInputElement>(null);
  const teams = useQuery({ queryKey: patrolKeys.teams, queryFn: listTeams, enabled: open });
  const teamId = Form.useWatch('teamId', form);
  const team = teams.data?.items.find((x) => x.id === teamId);
  // A town team patrols its villages: the village is chosen; a village team's is its own.
  const teamRegion = useQuery({ queryKey: regionKeys.detail(team?.regionId ?? 0), queryFn: () => getRegion(team?.regionId ?? 0), enabled: Boolean(team) });
  const townTeam = teamRegion.data?.level === 'town';

  useEffect(() => {
    if (!open) return;
    setProblem(null);
    setPhotos([]);
    setLogId(crypto.randomUUID());
    form.resetFields();
    form.setFieldsValue({ patrolledOn: dayjs(), gatheringsDispersed: 0, peopleDispersed: 0, maskReminders: 0, banquetsFound: 0 });
  }, [open, form]);

  // One team only: it is chosen already.
  useEffect(() => {
    const items = teams.data?.items ?? [];
    if (open && items.length === 1 && !form.getFieldValue('teamId')) form.setFieldValue('teamId', items[0]?.id);
  }, [open, teams.data, form]);

  async function addPhotos(files: FileList | null) {
    const list = [...(files ?? [])].slice(0, MAX_PATROL_PHOTOS - photos.length);
    for (const file of list) {
      setUploading((n) => n + 1);
      try {
        const { sha256 } = await uploadPatrolPhoto(file);
        setPhotos((prev) => (prev.some((p) => p.sha256 === sha256) ? prev : [...prev, { sha256, preview: URL.createObjectURL(file) }]));
      } catch (err) {
        void message.error(errorText(err));
      } finally {
        setUploading((n) => n - 1);
      }
    }
    if (fileInput.current) fileInput.current.value = '';
  }

  const save = useMutation({
    mutationFn: (v: Values) =>
      createPatrolLog(
        {
          id: logId,
          teamId: v.teamId,
          regionId: townTeam ? v.regionId : team?.regionId,
          patrolledOn: v.patrolledOn.format('YYYY-MM-DD'),
          gatheringsDispersed: v.gatheringsDispersed ?? 0,
          peopleDispersed: v.peopleDispersed ?? 0,
          maskReminders: v.maskReminders ?? 0,
          banquetsFound: v.banquetsFound ?? 0,
          places: v.places?.trim() || undefined,
          note: v.note?.trim() || undefined,
          photos: photos.map((p) => p.sha256),
        },
        key,
      ),
    onSuccess: () => {
      renew();
      void message.success(t('patrols.created'));
      void queryClient.invalidateQueries({ queryKey: patrolKeys.all });
      onClose();
    },
    onError: (err) => setProblem(formErrors(form, err, FIELDS)),
  });

  const teamOptions = (teams.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.name}（${x.regionName}）` }));

  return (
    <FormDrawer open={open} onClose={onClose} title={t('patrols.create')} saving={save.isPending || uploading > 0} onSave={() => form.submit()} saveTestId="patrol-save" problem={problem}>
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="teamId" label={t('patrols.team')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={teamOptions} loading={teams.isPending} placeholder={t('patrols.teamPick')} notFoundContent={t('patrols.noTeams')} data-testid="patrol-team" />
        </Form.Item>
        {townTeam ? (
          <Form.Item name="regionId" label={t('patrols.village')} rules={[{ required: true, message: t('validation.required') }]}>
            <RegionSelect level="village" placeholder={t('patrols.villagePick')} data-testid="patrol-village" />
          </Form.Item>
        ) : null}
        <Form.Item name="patrolledOn" label={t('patrols.day')} rules={[{ required: true, message: t('validation.required') }]}>
          <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" inputReadOnly allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="patrol-day" />
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', columnGap: 12 }}>
          {PATROL_FIGURES.map((f) => (
            <Form.Item key={f} name={f} label={t(`patrols.figures.${f}`)}>
              <Stepper testId={`patrol-${f}`} />
            </Form.Item>
          ))}
        </div>
        <Form.Item name="places" label={t('patrols.places')}>
          <Input maxLength={500} placeholder={t('patrols.placesPlaceholder')} data-testid="patrol-places" />
        </Form.Item>
        <Form.Item name="note" label={t('patrols.note')}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} data-testid="patrol-note" />
        </Form.Item>
        <Form.Item name="photos" label={t('patrols.photos')} extra={t('patrols.photosHint', { max: MAX_PATROL_PHOTOS })}>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }} data-testid="patrol-photos">
            {photos.map((p) => (
              <div key={p.sha256} style={{ position: 'relative', width: 72, height: 72 }}>
                <img src={p.preview} alt="" style={{ width: 72, height: 72, objectFit: 'cover', borderRadius: 6, border: '1px solid #f0f0f0' }} data-testid="patrol-photo-thumb" />
                <Button size="small" shape="circle" icon={<CloseOutlined />} aria-label={t('patrols.photoRemove')} onClick={() => setPhotos((prev) => prev.filter((x) => x.sha256 !== p.sha256))} style={{ position: 'absolute', top: -6, right: -6 }} />
              </div>
            ))}
            {uploading > 0 ? <Spin style={{ width: 72, lineHeight: '72px' }} /> : null}
            {photos.length < MAX_PATROL_PHOTOS ? (
              <Button style={{ width: 72, height: 72 }} icon={<CameraOutlined style={{ fontSize: 22 }} />} onClick={() => fileInput.current?.click()} aria-label={t('patrols.photoAdd')} data-testid="patrol-photo-add" />
            ) : null}
            <input ref={fileInput} type="file" accept="image/*" capture="environment" multiple hidden onChange={(e) => void addPhotos(e.target.files)} data-testid="patrol-photo-input" />
          </div>
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
