// The households page header's link to the edit conflicts, with the open count, for roles that
// resolve them.
import { WarningOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CONFLICT_RESOLVERS } from '../../../shared/households.ts';
import type { Role } from '../../../shared/accounts.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { householdKeys, listEditConflicts } from './households.api.ts';

export const mayResolveConflicts = (role: Role): boolean => (CONFLICT_RESOLVERS as readonly Role[]).includes(role);

export function ConflictsBadge() {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const conflicts = useQuery({ queryKey: householdKeys.conflicts, queryFn: listEditConflicts, staleTime: 30_000 });
  const count = conflicts.data?.items.length ?? 0;
  return (
    <Link to="/households/conflicts" data-testid="conflicts-link">
      <Badge count={count} size="small" data-testid="conflicts-count">
        {/* An icon on a phone keeps the header buttons on one line. */}
        <Button icon={<WarningOutlined />} aria-label={t('householdEdit.conflicts')}>{mobile ? null : t('householdEdit.conflicts')}</Button>
      </Badge>
    </Link>
  );
}
