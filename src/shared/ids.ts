// Region and record ids in their one canonical spelling. The scope hook reads ids before the
// schema does, so any second reading of an id ("163.0", "+163", "0xa3", "1.63e2", " 163", an
// upper-case UUID) is a way round it: both sides accept exactly these forms and nothing else.
import { z } from 'zod';

/** A region id as text (query strings, paths): decimal digits, no sign, no leading zero, ≤ 15 digits (a safe integer). */
export const REGION_ID_PATTERN = /^[1-9][0-9]{0,14}$/;
/** A record id: a UUID in lower case with hyphens, as `uuid` makes them; no braces, spaces or upper case. */
export const RECORD_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const REGION_ID_TEXT_MESSAGE = 'a region id: digits only, no sign, spaces or leading zero';
export const REGION_ID_NUMBER_MESSAGE = 'a region id: a positive whole number';
export const RECORD_ID_MESSAGE = 'a record id: a lower-case UUID';

export const isRegionIdText = (value: unknown): value is string => typeof value === 'string' && REGION_ID_PATTERN.test(value);
export const isRegionIdNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
export const isRecordId = (value: unknown): value is string => typeof value === 'string' && RECORD_ID_PATTERN.test(value);

/** A region id in a query string or path: its canonical text, read as a number. */
export const RegionIdParam = z
  .string()
  .regex(REGION_ID_PATTERN, REGION_ID_TEXT_MESSAGE)
  .transform(Number)
  .meta({ description: 'A region id: decimal digits, no sign or leading zero' });

/** A region id in a JSON body: a positive safe integer (JSON numbers have no second spelling). */
export const RegionIdBody = z.number({ error: REGION_ID_NUMBER_MESSAGE }).int(REGION_ID_NUMBER_MESSAGE).positive(REGION_ID_NUMBER_MESSAGE);

/** A record id anywhere (query, path, body): a lower-case UUID. */
export const RecordId = z.string().regex(RECORD_ID_PATTERN, RECORD_ID_MESSAGE).meta({ format: 'uuid' });
