// Evidence photos taken with the phone's camera (or picked): each is uploaded at once and kept by
// its SHA-256, shown as a thumbnail that can be removed — the way the patrol log does it.
import { CameraOutlined, CloseOutlined } from '@ant-design/icons';
import { App, Button, Spin } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_EVIDENCE_PHOTOS } from '../../../shared/inspections.ts';
import { useErrorText } from '../../lib/errors.ts';
import { uploadEvidencePhoto } from './inspections.api.ts';

export interface EvidencePhoto {
  sha256: string;
  preview: string;
}

interface Props {
  photos: EvidencePhoto[];
  onChange: (update: (prev: EvidencePhoto[]) => EvidencePhoto[]) => void;
  uploading: number;
  onUploading: (delta: number) => void;
}

export function EvidencePhotoPicker({ photos, onChange, uploading, onUploading }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const fileInput = useRef<HTMLInputElement>(null);

  async function addPhotos(files: FileList | null) {
    const list = [...(files ?? [])].slice(0, MAX_EVIDENCE_PHOTOS - photos.length);
    for (const file of list) {
      onUploading(1);
      try {
        const { sha256 } = await uploadEvidencePhoto(file);
        onChange((prev) => (prev.some((p) => p.sha256 === sha256) ? prev : [...prev, { sha256, preview: URL.createObjectURL(file) }]));
      } catch (err) {
        void message.error(errorText(err));
      } finally {
        onUploading(-1);
      }
    }
    if (fileInput.current) fileInput.current.value = '';
  }

  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }} data-testid="evidence-photos">
      {photos.map((p) => (
        <div key={p.sha256} style={{ position: 'relative', width: 80, height: 80 }}>
          <img src={p.preview} alt="" style={{ width: 80, height: 80, objectFit: 'cover', borderRadius: 6, border: '1px solid #f0f0f0' }} data-testid="evidence-photo-thumb" />
          <Button size="small" shape="circle" icon={<CloseOutlined />} aria-label={t('inspections.rect.photoRemove')} onClick={() => onChange((prev) => prev.filter((x) => x.sha256 !== p.sha256))} style={{ position: 'absolute', top: -6, right: -6 }} />
        </div>
      ))}
      {uploading > 0 ? <Spin style={{ width: 80, lineHeight: '80px' }} /> : null}
      {photos.length < MAX_EVIDENCE_PHOTOS ? (
        <Button style={{ width: 80, height: 80 }} icon={<CameraOutlined style={{ fontSize: 24 }} />} onClick={() => fileInput.current?.click()} aria-label={t('inspections.rect.photoAdd')} data-testid="evidence-photo-add" />
      ) : null}
      <input ref={fileInput} type="file" accept="image/*" capture="environment" multiple hidden onChange={(e) => void addPhotos(e.target.files)} data-testid="evidence-photo-input" />
    </div>
  );
}
