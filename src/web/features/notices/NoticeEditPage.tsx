// Write or change a notice: title, source, topic, the region it is for, publish now / at a time /
// keep as a draft, and the Markdown body with a live preview rendered by the server (the same
// safe rendering the public pages get) and its loudspeaker and social texts. Images are uploaded
// to a saved notice and inserted into the body as Markdown.
import { ArrowLeftOutlined, PictureOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, Radio, Select, Spin, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { MAX_NOTICE_BODY, NOTICE_TOPICS, type Notice, type NoticePreview, type NoticeTopic } from '../../../shared/notices.ts';
import { useMe } from '../../app/auth.tsx';
import { useErrorText, useFormErrors } from '../../lib/errors.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { RegionSelect } from '../regions/RegionSelect.tsx';
import { ScriptsCard } from './ScriptsCard.tsx';
import { createNotice, getNotice, noticeKeys, patchNotice, previewNotice, uploadNoticeImages } from './notices.api.ts';

type Mode = 'now' | 'schedule' | 'draft';
interface Values {
  regionId: number;
  title: string;
  source: string;
  topic: NoticeTopic;
  mode: Mode;
  scheduleAt?: Dayjs;
  body: string;
}
const FIELDS = ['regionId', 'title', 'source', 'topic', 'body', 'status', 'publishAt'] as const;

function modeOf(n: Notice): Mode {
  if (n.status !== 'published') return 'draft';
  return n.publishAt && Date.parse(n.publishAt) > Date.now() ? 'schedule' : 'now';
}

/** The server's rendering of what is being typed, a moment after the typing stops. */
function usePreview(input: { title?: string; source?: string; body?: string; noticeId?: string }) {
  const [preview, setPreview] = useState<NoticePreview | null>(null);
  const { title, source, body, noticeId } = input;
  useEffect(() => {
    if (!body?.trim()) {
      setPreview(null);
      return;
    }
    const abort = new AbortController();
    const timer = setTimeout(() => {
      previewNotice({ title: title?.slice(0, 100), source: source?.slice(0, 60), body: body.slice(0, MAX_NOTICE_BODY), noticeId }, abort.signal)
        .then(setPreview)
        .catch(() => undefined); // a preview that fails leaves the last one; saving reports errors
    }, 300);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [title, source, body, noticeId]);
  return preview;
}

export function NoticeEditPage() {
  const { id } = useParams();
  const me = useMe();
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const formErrors = useFormErrors();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const { key, renew } = useIdempotencyKey();
  const upload = useIdempotencyKey();
  const bodyRef = useRef<TextAreaRef>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const existing = useQuery({ queryKey: noticeKeys.detail(id ?? ''), queryFn: () => getNotice(id ?? ''), enabled: !!id });
  const [loadedVersion, setLoadedVersion] = useState<number | null>(null);

  useEffect(() => {
    const n = existing.data;
    if (!n || loadedVersion === n.version) return;
    setLoadedVersion(n.version);
    form.setFieldsValue({ regionId: n.regionId, title: n.title, source: n.source, topic: n.topic, body: n.body, mode: modeOf(n), scheduleAt: n.publishAt ? dayjs(n.publishAt) : undefined });
  }, [existing.data, form, loadedVersion]);

  const mode = Form.useWatch('mode', form);
  const title = Form.useWatch('title', form);
  const source = Form.useWatch('source', form);
  const body = Form.useWatch('body', form);
  const preview = usePreview({ title, source, body, noticeId: id });

  const save = useMutation({
    mutationFn: async (v: Values) => {
      const status = v.mode === 'draft' ? 'draft' : 'published';
      const common = { regionId: v.regionId, title: v.title.trim(), source: v.source.trim(), topic: v.topic, body: v.body };
      if (!id || !existing.data) {
        return createNotice({ ...common, status, ...(v.mode === 'schedule' && v.scheduleAt ? { publishAt: v.scheduleAt.toISOString() } : {}) }, key);
      }
      const was = existing.data;
      // Publishing now: a notice already out keeps its time; a draft (or withdrawn one) goes out now.
      const publishAt = v.mode === 'schedule' && v.scheduleAt ? v.scheduleAt.toISOString() : v.mode === 'now' ? (was.status === 'published' && modeOf(was) === 'now' ? undefined : null) : undefined;
      return patchNotice(id, { version: was.version, ...common, status, ...(publishAt !== undefined ? { publishAt } : {}) }, key);
    },
    onSuccess: (n) => {
      renew();
      void message.success(n.status === 'published' ? t('notices.publishedOk') : t('notices.saved'));
      queryClient.setQueryData(noticeKeys.detail(n.id), n);
      void queryClient.invalidateQueries({ queryKey: noticeKeys.all });
      void navigate(`/notices/${n.id}`);
    },
    onError: (err) => setProblem(formErrors(form, err, FIELDS)),
  });

  const images = useMutation({
    mutationFn: (files: File[]) => uploadNoticeImages(id ?? '', files, upload.key),
    onSuccess: (added) => {
      upload.renew();
      const text = added.map((a) => a.markdown).join('\n');
      const current: string = form.getFieldValue('body') ?? '';
      const area = bodyRef.current?.resizableTextArea?.textArea;
      const at = area && document.activeElement === area ? area.selectionEnd : current.length;
      const before = current.slice(0, at);
      // Each image in a paragraph of its own.
      const gap = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
      const next = `${before}${gap}${text}\n\n${current.slice(at).replace(/^\n+/, '')}`;
      form.setFieldValue('body', next);
      void message.success(t('notices.imagesAdded', { count: added.length }));
      void queryClient.invalidateQueries({ queryKey: noticeKeys.detail(id ?? '') });
    },
    onError: (err) => void message.error(errorText(err)),
  });

  if (id && existing.isPending) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (id && existing.isError) return <div className="gg-page"><Alert type="error" showIcon title={errorText(existing.error)} /></div>;

  const required = { required: true, message: t('validation.required') };
  const text = { ...required, whitespace: true };
  return (
    <div className="gg-page">
      <div className="gg-page-title">
        <Typography.Title level={2}>{id ? t('notices.editTitle') : t('notices.createTitle')}</Typography.Title>
        <Link to={id ? `/notices/${id}` : '/notices'}><Button icon={<ArrowLeftOutlined />}>{t('notices.back')}</Button></Link>
      </div>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ regionId: me.region.id, topic: 'announcement', mode: 'now', source: '' }}
        onFinish={(v) => {
          setProblem(null);
          save.mutate(v);
        }}
      >
        <div className="gg-notice-editor">
          <Card size="small" styles={{ body: { padding: mobile ? 12 : 16 } }}>
            <Form.Item name="title" label={t('notices.titleLabel')} rules={[text]}>
              <Input maxLength={100} placeholder={t('notices.titlePlaceholder')} data-testid="notice-title" />
            </Form.Item>
            <div style={{ display: 'flex', gap: 8, flexWrap: mobile ? 'wrap' : 'nowrap' }}>
              <Form.Item name="source" label={t('notices.source')} rules={[text]} style={{ flex: '1 1 160px' }}>
                <Input maxLength={60} placeholder={t('notices.sourcePlaceholder')} data-testid="notice-source" />
              </Form.Item>
              <Form.Item name="topic" label={t('notices.topic')} rules={[required]} style={{ flex: '1 1 120px' }}>
                <Select data-testid="notice-topic" options={NOTICE_TOPICS.map((x) => ({ value: x, label: t(`notices.topics.${x}`) }))} />
              </Form.Item>
            </div>
            <Form.Item name="regionId" label={t('notices.region')} rules={[required]} extra={t('notices.regionHint')}>
              <RegionSelect data-testid="notice-region" />
            </Form.Item>
            <Form.Item name="mode" label={t('notices.mode')} rules={[required]}>
              <Radio.Group optionType="button" buttonStyle="solid" data-testid="notice-mode" options={(['now', 'schedule', 'draft'] as const).map((m) => ({ value: m, label: t(`notices.modes.${m}`) }))} />
            </Form.Item>
            {mode === 'schedule' ? (
              <Form.Item name="scheduleAt" label={t('notices.scheduleAt')} rules={[required]}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" inputReadOnly={mobile} style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} data-testid="notice-schedule" />
              </Form.Item>
            ) : null}
            <Form.Item name="body" label={t('notices.body')} rules={[text]} extra={t('notices.bodyHelp')}>
              <Input.TextArea ref={bodyRef} autoSize={{ minRows: 10, maxRows: 28 }} maxLength={MAX_NOTICE_BODY} placeholder={t('notices.bodyPlaceholder')} data-testid="notice-body" />
            </Form.Item>
            <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap', marginBottom: 12 }}>
              <input
                ref={fileRef}
                type="file"
                accept="image/jpeg,image/png,image/webp"
                multiple
                style={{ display: 'none' }}
                data-testid="notice-image-input"
                onChange={(e) => {
                  const files = [...(e.target.files ?? [])];
                  e.target.value = '';
                  if (files.length) images.mutate(files);
                }}
              />
              <Button icon={<PictureOutlined />} disabled={!id} loading={images.isPending} onClick={() => fileRef.current?.click()} data-testid="notice-image">
                {images.isPending ? t('notices.imagesUploading') : t('notices.images')}
              </Button>
              {!id ? <span className="gg-muted" style={{ fontSize: 12 }}>{t('notices.imagesAfterSave')}</span> : null}
            </div>
            {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
            <Button type="primary" htmlType="submit" block={mobile} loading={save.isPending} data-testid="notice-save">
              {mode === 'draft' || (mode === 'now' && existing.data?.status === 'published') ? t('notices.save') : mode === 'schedule' ? t('notices.modes.schedule') : t('notices.modes.now')}
            </Button>
          </Card>
          <div style={{ display: 'flex', flexDirection: 'column', gap: 16, minWidth: 0 }}>
            <Card size="small" title={t('notices.preview')} data-testid="notice-preview">
              {preview ? (
                <>
                  <Typography.Title level={4} style={{ marginTop: 0 }}>{title}</Typography.Title>
                  {/* Rendered by the server from Markdown with raw HTML escaped and only http(s) links. */}
                  <div className="gg-notice-body" dangerouslySetInnerHTML={{ __html: preview.html }} />
                </>
              ) : (
                <span className="gg-muted">{t('notices.previewEmpty')}</span>
              )}
            </Card>
            {preview ? <ScriptsCard scripts={preview.scripts} /> : null}
          </div>
        </div>
      </Form>
    </div>
  );
}
