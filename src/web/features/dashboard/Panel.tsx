// A framed panel of the command screen: a title bar with a marker, corner brackets, and a body
// that takes the rest of the panel's height (charts size themselves to it).
import type { ReactNode } from 'react';

interface Props {
  title: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
}

export function Panel({ title, extra, children, className, testId }: Props) {
  return (
    <section className={`ggd-panel ${className ?? ''}`} data-testid={testId}>
      <header className="ggd-panel-head">
        <h3>{title}</h3>
        {extra ? <div className="ggd-panel-extra">{extra}</div> : null}
      </header>
      <div className="ggd-panel-body">{children}</div>
      <i className="ggd-corner tl" />
      <i className="ggd-corner tr" />
      <i className="ggd-corner bl" />
      <i className="ggd-corner br" />
    </section>
  );
}
