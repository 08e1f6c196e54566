// 24小时不定期督查: the list (/inspections), the schedule generator (/inspections/plan), recording
// a scheduled or ad-hoc inspection (/inspections/:id/record, /inspections/record) and an
// inspection's detail (/inspections/:id). Every page follows the live inspection events.
import { Route, Routes } from 'react-router';
import { RequireCapability } from '../../app/guards.tsx';
import { useLiveRefresh } from '../../lib/useLiveRefresh.ts';
import { INSPECTION_EVENT_PREFIXES, inspectionKeys } from './inspections.api.ts';
import { InspectionDetailView } from './InspectionDetailView.tsx';
import { InspectionList } from './InspectionList.tsx';
import { RecordInspection } from './RecordInspection.tsx';
import { SchedulePlanner } from './SchedulePlanner.tsx';

export default function InspectionsPage() {
  useLiveRefresh({ prefixes: INSPECTION_EVENT_PREFIXES }, inspectionKeys.all);
  return (
    <Routes>
      <Route index element={<InspectionList />} />
      <Route path="plan" element={<RequireCapability capability="inspections.plan"><SchedulePlanner /></RequireCapability>} />
      <Route path="record" element={<RequireCapability capability="inspections.record"><RecordInspection /></RequireCapability>} />
      <Route path=":id/record" element={<RequireCapability capability="inspections.record"><RecordInspection /></RequireCapability>} />
      <Route path=":id" element={<InspectionDetailView />} />
    </Routes>
  );
}
