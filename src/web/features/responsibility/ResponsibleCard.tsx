// 五包一 on a person's page (the quarantine order, the person drawer): who carries the person in
// each of the five roles, which roles are still missing when the person is under control, and —
// for those who may — an editor where each member is an account or a contact (name, mobile).
import { EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Form, Input, List, Modal, Radio, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RESPONSIBLE_ROLES, type ResponsibleMember, type ResponsibleMemberInput, type ResponsibleRole } from '../../../shared/responsibility.ts';
import { can } from '../../app/access.ts';
import { useMe } from '../../app/auth.tsx';
import { currentLanguage } from '../../app/i18n.ts';
import { fieldPathText } from '../../i18n/field-names.ts';
import { isApiError } from '../../lib/api.ts';
import { translateServerMessage, useErrorText } from '../../lib/errors.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { MonitorSelect } from '../quarantine/CreateOrderDrawer.tsx';
import { getResponsible, putResponsible, responsibilityKeys } from './responsibility.api.ts';
import './responsibility.css';

interface Row {
  role?: ResponsibleRole;
  kind: 'account' | 'contact';
  userId?: string;
  name?: string;
  phone?: string;
}

const toRow = (m: ResponsibleMember): Row => (m.userId ? { role: m.role, kind: 'account', userId: m.userId } : { role: m.role, kind: 'contact', name: m.name, phone: m.phone });
const toInput = (r: Row): ResponsibleMemberInput =>
  r.kind === 'account' ? { role: r.role ?? 'family', userId: r.userId } : { role: r.role ?? 'family', name: r.name?.trim(), phone: r.phone?.trim() };

export function ResponsibleCard({ personId, title }: { personId: string; title?: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const mobile = useIsMobile();
  const [editing, setEditing] = useState(false);
  const query = useQuery({ queryKey: responsibilityKeys.person(personId), queryFn: () => getResponsible(personId), staleTime: 60_000 });
  const mayEdit = can(me.user.role, 'responsibility.edit');
  const data = query.data;
  return (
    <Card
      title={title ?? t('responsibility.title')}
      styles={{ body: { padding: mobile ? 12 : 24 } }}
      extra={mayEdit && data ? <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="responsible-edit">{t('responsibility.edit')}</Button> : null}
      data-testid="responsible-card"
    >
      {query.isPending ? null : !data ? (
        <Alert type="error" showIcon title={t('errors.unknown')} />
      ) : (
        <>
          {data.required ? (
            data.missingRoles.length ? (
              <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('responsibility.missing', { roles: data.missingRoles.map((r) => t(`responsibility.roles.${r}`)).join('、') })} description={t('responsibility.requiredHint')} data-testid="responsible-missing" />
            ) : (
              <Alert type="success" showIcon style={{ marginBottom: 12 }} title={t('responsibility.complete')} />
            )
          ) : null}
          {data.members.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('responsibility.none')} />
          ) : (
            <List
              size="small"
              dataSource={data.members}
              data-testid="responsible-members"
              renderItem={(m) => (
                <List.Item style={{ paddingInline: 0 }}>
                  <Space size={8} wrap style={{ minWidth: 0 }}>
                    <Tag color="blue" style={{ marginInlineEnd: 0 }}>{t(`responsibility.roles.${m.role}`)}</Tag>
                    <span style={{ overflowWrap: 'anywhere' }}>{m.name}</span>
                    {m.phone ? <span className="gg-mono gg-muted">{m.phone}</span> : <Tag style={{ marginInlineEnd: 0 }}>{t('responsibility.kindAccount')}</Tag>}
                  </Space>
                </List.Item>
              )}
            />
          )}
        </>
      )}
      {editing && data ? <EditModal personId={personId} members={data.members} onClose={() => setEditing(false)} /> : null}
    </Card>
  );
}

function EditModal({ personId, members, onClose }: { personId: string; members: ResponsibleMember[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ members: Row[] }>();
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (rows: Row[]) => putResponsible(personId, { members: rows.map(toInput) }),
    onSuccess: (answer) => {
      queryClient.setQueryData(responsibilityKeys.person(personId), answer);
      void queryClient.invalidateQueries({ queryKey: ['quarantines', 'detail'] });
      void message.success(t('responsibility.saved'));
      onClose();
    },
    // Each refused member's field by its place in the list ("members.1.phone"): the rows have no form fields of those names.
    onError: (err) => {
      const details = isApiError(err) ? err.details.map((d) => `${fieldPathText(d.path, currentLanguage())}：${translateServerMessage(d.message)}`) : [];
      setProblem([errorText(err), ...details].join('；'));
    },
  });
  const roleOptions = RESPONSIBLE_ROLES.map((r) => ({ value: r, label: t(`responsibility.roles.${r}`) }));
  return (
    <Modal
      open
      title={t('responsibility.edit')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('responsibility.save')}
      cancelText={t('responsibility.cancel')}
      confirmLoading={save.isPending}
      width={720}
      destroyOnHidden
      okButtonProps={{ ...({ 'data-testid': 'responsible-save' } as Record<string, string>) }}
    >
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} data-testid="responsible-problem" /> : null}
      <Form form={form} layout="vertical" initialValues={{ members: members.map(toRow) }} onFinish={(v) => save.mutate(v.members ?? [])}>
        <Form.List name="members">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <div key={field.key} className="gg-responsible-row" data-testid="responsible-row">
                  <Form.Item name={[field.name, 'role']} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
                    <Select options={roleOptions} placeholder={t('responsibility.role')} data-testid="responsible-role" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'kind']} style={{ marginBottom: 8 }}>
                    <Radio.Group optionType="button" size="small" options={[{ value: 'account', label: t('responsibility.kindAccount') }, { value: 'contact', label: t('responsibility.kindContact') }]} />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() =>
                      form.getFieldValue(['members', field.name, 'kind']) === 'account' ? (
                        <Form.Item name={[field.name, 'userId']} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
                          <MonitorSelect placeholder={t('responsibility.accountPick')} testId="responsible-account" />
                        </Form.Item>
                      ) : (
                        <Space.Compact block style={{ marginBottom: 8 }}>
                          <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true }]} noStyle>
                            <Input placeholder={t('responsibility.name')} maxLength={50} data-testid="responsible-name" />
                          </Form.Item>
                          <Form.Item name={[field.name, 'phone']} rules={[{ required: true, whitespace: true }]} noStyle>
                            <Input placeholder={t('responsibility.phone')} inputMode="tel" maxLength={30} data-testid="responsible-phone" />
                          </Form.Item>
                        </Space.Compact>
                      )
                    }
                  </Form.Item>
                  <Button type="text" danger icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('responsibility.remove')} />
                </div>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ kind: 'contact' })} data-testid="responsible-add">{t('responsibility.add')}</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
