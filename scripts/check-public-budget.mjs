// The public pages' JavaScript budget: each page (/p, /p/tips/new, …) may load at most 150 KB
// of compressed JavaScript, for a resident on a weak 3G signal (scripts/js-budget.mjs walks the
// build). Exits 1 when a page is over or a heavy library slips in.
//
//   node scripts/check-public-budget.mjs [outDir]     (default dist/web)
import path from 'node:path';
import { checkBudget } from './js-budget.mjs';

const ok = checkBudget({
  outDir: path.resolve(process.argv[2] ?? 'dist/web'),
  entry: 'public.html',
  label: 'Public pages',
  budgetKb: 150,
  /** The lazy pages (src/public/pages/X.tsx) and the paths they serve, for the report. */
  pages: {
    'src/public/pages/Home.tsx': '/p',
    'src/public/pages/TipNew.tsx': '/p/tips/new',
    'src/public/pages/TipTrack.tsx': '/p/tips/track',
    'src/public/pages/Arrive.tsx': '/p/arrive/:token',
    'src/public/pages/Notices.tsx': '/p/notices',
    'src/public/pages/NoticeView.tsx': '/p/notices/:id',
    'src/public/pages/Enterprise.tsx': '/p/enterprise',
  },
  // A library the public pages must never pull in (antd, echarts, the router, i18next, zod, the
  // staff's password-strength estimator with its 1 MB of dictionaries).
  forbidden: /node_modules[\\/](antd|echarts|react-router|i18next|react-i18next|dayjs|zod|@zxcvbn-ts)[\\/]/,
  markers: { antd: /ant-design|antd/, echarts: /echarts/, 'react-router': /react-router|useNavigate/, i18next: /i18next/, zxcvbn: /passwords-common|diceware-common/ },
});
process.exit(ok ? 0 : 1);
