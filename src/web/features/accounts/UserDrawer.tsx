// Create an account, or edit one: name, role, region; disable/enable; reset the password. Only
// the roles the manager may grant are offered, and only regions of the chosen role's level.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Divider, Form, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Role, type User, Username, WorkPhone } from '../../../shared/accounts.ts';
import { ROLE_LEVEL, grantableRoles } from '../../../shared/account-grants.ts';
import { useMe } from '../../app/auth.tsx';
import { useFormErrors } from '../../lib/errors.ts';
import { zodRule } from '../../lib/forms.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { FormDrawer } from '../../lib/FormDrawer.tsx';
import { NewPasswordItem } from '../auth/NewPasswordItem.tsx';
import { RegionSelect } from '../regions/RegionSelect.tsx';
import { createUser, patchUser, userKeys } from './accounts.api.ts';
import { UserAdminActions } from './UserAdminActions.tsx';

interface Values {
  username: string;
  displayName: string;
  role: Role;
  regionId: number;
  password: string;
  phone?: string;
}
const FIELDS = ['username', 'displayName', 'role', 'regionId', 'password', 'phone'] as const;
/** An empty phone box: left out on create, cleared (null) on edit. */
const phoneOf = (v: string | undefined): string | undefined => (v?.trim() ? v.trim() : undefined);

export function UserDrawer({ user, onClose }: { user: User | 'new' | null; onClose: () => void }) {
  const me = useMe();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const formErrors = useFormErrors();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const { key, renew } = useIdempotencyKey();
  const creating = user === 'new';
  const existing = user !== null && user !== 'new' ? user : null;
  const isSelf = existing?.id === me.user.id;
  const grantable = grantableRoles(me.user.role);
  const role = (Form.useWatch('role', form) as Role | undefined) ?? existing?.role;
  const username = (Form.useWatch('username', form) as string | undefined) ?? '';
  const displayName = (Form.useWatch('displayName', form) as string | undefined) ?? '';

  useEffect(() => {
    setProblem(null);
    form.resetFields();
    if (existing) form.setFieldsValue({ username: existing.username, displayName: existing.displayName, role: existing.role, regionId: existing.regionId, phone: existing.phone ?? '' });
    else if (creating) {
      const first: Role | undefined = grantableRoles(me.user.role).includes('grid_worker') ? 'grid_worker' : grantableRoles(me.user.role)[0];
      form.setFieldsValue({ role: first, regionId: first && ROLE_LEVEL[first] === me.region.level ? me.region.id : undefined });
    }
  }, [user, form, existing, creating, me.region.id, me.region.level, me.user.role]);

  const save = useMutation({
    mutationFn: (values: Values) =>
      existing
        ? patchUser(
            existing.id,
            {
              displayName: values.displayName,
              ...(isSelf ? {} : { role: values.role, regionId: values.regionId }),
              // Only a changed phone is sent, so the audit trail names real changes.
              ...((phoneOf(values.phone) ?? null) !== existing.phone ? { phone: phoneOf(values.phone) ?? null } : {}),
            },
            key,
          )
        : createUser({ ...values, phone: phoneOf(values.phone) }, key),
    onSuccess: () => {
      renew();
      void message.success(creating ? t('users.created') : t('common.saved'));
      void queryClient.invalidateQueries({ queryKey: userKeys.all });
      onClose();
    },
    onError: (err) => setProblem(formErrors(form, err, FIELDS)),
  });

  // One's own role (not grantable by oneself) is shown, greyed, so the form still reads right.
  const roleOptions = [...grantable, ...(existing && !grantable.includes(existing.role) ? [existing.role] : [])].map((r) => ({
    value: r,
    label: t(`roles.${r}`),
    disabled: !grantable.includes(r),
  }));
  const level = role ? ROLE_LEVEL[role] : undefined;

  return (
    <FormDrawer
      open={user !== null}
      onClose={onClose}
      title={existing ? t('users.editTitle', { name: existing.displayName }) : t('users.createTitle')}
      saving={save.isPending}
      onSave={() => form.submit()}
      saveTestId="user-save"
      problem={problem}
    >
      <Form<Values> form={form} layout="vertical" onFinish={(values) => save.mutate(values)}>
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={creating ? t('users.usernameHelp') : undefined}
          rules={creating ? [{ required: true, message: t('validation.required') }, zodRule(Username, t('validation.username'))] : []}
        >
          {existing ? <Input disabled className="gg-mono" /> : <Input autoComplete="off" autoCapitalize="none" className="gg-mono" data-testid="user-username" />}
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 60, message: t('validation.maxLength', { max: 60 }) }]}>
          <Input maxLength={60} data-testid="user-display-name" />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select
            options={roleOptions}
            disabled={isSelf}
            data-testid="user-role"
            // Each role has its region level: a region of the old role's level no longer fits.
            onChange={(next: Role) => {
              if (role && ROLE_LEVEL[next] !== ROLE_LEVEL[role]) form.setFieldValue('regionId', undefined);
            }}
          />
        </Form.Item>
        <Form.Item
          name="regionId"
          label={t('users.region')}
          extra={role && level && !isSelf ? t('users.regionLevel', { role: t(`roles.${role}`), level: t(`levels.${level}`) }) : undefined}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <RegionSelect placeholder={t('users.regionPick')} disabled={isSelf} level={isSelf ? undefined : level} />
        </Form.Item>
        <Form.Item name="phone" label={t('users.phone')} extra={t('users.phoneHelp')} rules={[zodRule(WorkPhone, t('users.phoneInvalid'))]}>
          <Input type="tel" inputMode="tel" maxLength={24} autoComplete="off" data-testid="user-phone" />
        </Form.Item>
        {creating ? (
          <NewPasswordItem
            name="password"
            label={t('users.password')}
            extra={`${t('users.firstPasswordHelp')}${t('users.passwordHelp')}`}
            owner={{ username, displayName }}
            testId="user-password"
          />
        ) : null}
      </Form>
      {existing && !isSelf ? (
        <>
          <Divider />
          <UserAdminActions user={existing} onChanged={onClose} />
        </>
      ) : null}
    </FormDrawer>
  );
}
