// The end of a list's toolbar: the town → village → grid filter of the caller's subtree, then the
// list's total pushed to the right ("共 12,345 条"). Every list shows the two the same way.
import type { ListTotal as Total } from '../../shared/paging.ts';
import { ListTotal } from './ListTotal.tsx';
import { RegionFilter } from './RegionFilter.tsx';

interface Props {
  regionId: number | undefined;
  onRegion: (regionId: number | undefined) => void;
  total: Total | undefined;
  mobile: boolean;
  /** Test ids: `<testId>-place-<level>` for the selects, `<testId>-total` for the total. */
  testId: string;
}

export function PlaceAndTotal({ regionId, onRegion, total, mobile, testId }: Props) {
  return (
    <>
      <RegionFilter value={regionId} onChange={onRegion} mobile={mobile} testId={`${testId}-place`} />
      <span style={{ marginInlineStart: mobile ? 0 : 'auto', alignSelf: 'center' }}>
        <ListTotal total={total} testId={`${testId}-total`} />
      </span>
    </>
  );
}
