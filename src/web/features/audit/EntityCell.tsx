// An audit entry's object: its type in words, its name (a person's, a household's address, a
// region's…) linking to where the console shows it, and the id underneath for the record.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Entry, entityHref } from './audit.api.ts';

export function EntityCell({ entry }: { entry: Entry }) {
  const { t } = useTranslation();
  const href = entityHref(entry);
  const name = entry.entityName;
  return (
    <div style={{ minWidth: 0 }} data-testid="audit-entity">
      <div>
        <span className="gg-muted">{t(`audit.entities.${entry.entity}`, { defaultValue: entry.entity })}</span>
        {name ? <>{' · '}{href ? <Link to={href} data-testid="audit-entity-link">{name}</Link> : <span>{name}</span>}</> : null}
      </div>
      {entry.entityId ? <div className="gg-mono gg-muted gg-ellipsis" style={{ fontSize: 12, maxWidth: 300 }}>{entry.entityId}</div> : null}
    </div>
  );
}
