// The phone app's JavaScript budget: the first load of any of its pages (/field, /field/h/:id,
// /field/sync, …) may download at most 170 KB of compressed JavaScript — the long-standing budget
// for a 5-second start on a median phone over 3G (scripts/js-budget.mjs walks the build). Exits 1
// when a page is over, or when a library it must not carry slips in (zod: ~90 KB on its own; the
// phone gets the contract at build time, src/client/contract.ts), or React DOM (~60 KB: the phone's
// own build, vite.field.config.ts, answers `react` with preact/compat).
//
//   node scripts/check-phone-budget.mjs [outDir]     (default dist/web)
import path from 'node:path';
import { checkBudget } from './js-budget.mjs';

const ok = checkBudget({
  outDir: path.resolve(process.argv[2] ?? 'dist/web'),
  entry: 'field.html',
  // The phone's own build writes its own manifest (PHONE_MANIFEST in scripts/vite-phone-sw.ts).
  manifest: '.vite/field-manifest.json',
  label: 'Phone app pages',
  budgetKb: 170,
  // The home page (my grid) is part of the shell: no second round trip before the grid shows.
  shellPage: '/field, /field/login',
  pages: {
    'src/field/pages/Household.tsx': '/field/h/:id',
    'src/field/pages/Door.tsx': '/field/register, h/:id/visit, h/:id/person',
    'src/field/pages/Sync.tsx': '/field/sync',
    'src/field/pages/SyncEdit.tsx': '/field/sync/:entryId',
    'src/field/pages/Me.tsx': '/field/me',
    'src/field/pages/Arrivals.tsx': '/field/arrivals',
    'src/field/pages/Arrival.tsx': '/field/arrivals/:id',
    'src/field/pages/Conflicts.tsx': '/field/conflicts',
    'src/field/pages/FormNew.tsx': '/field/h/:id/form',
    'src/field/pages/FormView.tsx': '/field/forms/:id',
    'src/field/pages/Quarantine.tsx': '/field/quarantine',
    'src/field/pages/QuarantineCheck.tsx': '/field/quarantine/:id',
    'src/field/pages/PatrolHome.tsx': '/field (patrol member)',
    'src/field/pages/PatrolNew.tsx': '/field/patrol/new',
    'src/field/pages/Finding.tsx': '/field/finding (volunteer)',
    'src/field/pages/InspectionRecord.tsx': '/field/inspections/:id/record',
    'src/field/pages/Tasks.tsx': '/field/tasks',
    'src/field/pages/Task.tsx': '/field/tasks/:id',
    'src/web/i18n/parts/core-en.ts': '(English texts, on switching)',
    'src/field/texts-en.ts': '(English texts, on switching)',
  },
  forbidden: /node_modules[\\/](react|react-dom|scheduler|antd|@ant-design|echarts|react-router|i18next|react-i18next|dayjs|zod|@tanstack)[\\/]/,
  markers: { 'react-dom': /__CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE/, antd: /ant-design|antd/, echarts: /echarts/, 'react-router': /react-router|useNavigate/, i18next: /i18next/, zod: /ZodError|\$ZodType/ },
});
process.exit(ok ? 0 : 1);
