// The frame of every field page: the sync strip, then the page in one phone-width column.
import type { ReactNode } from 'react';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { SyncBar } from './SyncBar.tsx';
import './field.css';

export function FieldFrame({ title, back, extra, children }: { title: ReactNode; back?: string; extra?: ReactNode; children: ReactNode }) {
  const navigate = useNavigate();
  return (
    <div className="gg-field">
      <SyncBar />
      <div className="gg-field-body">
        <div className="gg-field-title">
          <span style={{ display: 'flex', alignItems: 'center', gap: 4, minWidth: 0 }}>
            {back ? <Button type="text" size="small" icon={<ArrowLeftOutlined />} onClick={() => void navigate(back)} aria-label="back" data-testid="field-back" /> : null}
            <Typography.Title level={4} className="gg-ellipsis">{title}</Typography.Title>
          </span>
          {extra}
        </div>
        {children}
      </div>
    </div>
  );
}
