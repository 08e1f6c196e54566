// What an uploaded spreadsheet may hold. The server counts each of these while it streams the
// file and refuses at the first one passed, before anything grows (a zip bomb, a 100 MB cell, a
// cell at column XFD); the web shows the same numbers in its messages. No Node or DOM imports.

export interface SpreadsheetLimits {
  /** Zip entries of an .xlsx (sheets, styles, pictures…): Excel writes a dozen for a data sheet. */
  zipEntries: number;
  /** All entries of an .xlsx unpacked, as the zip declares them (enforced while inflating). */
  unpackedMb: number;
  /** One entry unpacked: the worksheet of a million rows is the largest, about 600 MB. */
  partMb: number;
  /** The shared-strings table held in memory (text plus 10 bytes of offsets a string). */
  sharedStringsMb: number;
  /** One cell, in characters: Excel's own limit. */
  cellChars: number;
  /** One line of a CSV, in characters (bytes of its UTF-8). */
  rowChars: number;
  /** Columns with a value: a cell with a value further right refuses the file. */
  columns: number;
  /** Rows, the header included. */
  rows: number;
}

const COMMON = { zipEntries: 2_000, cellChars: 32_767, rowChars: 1_048_576, columns: 256 } as const;

export const IMPORT_LIMITS = {
  /** The people import: a million rows must fit (Excel's own row limit). */
  persons: { ...COMMON, unpackedMb: 1_536, partMb: 1_024, sharedStringsMb: 192, rows: 1_048_576 },
  /** The territory: thousands of regions; the upload is at most 20 MB and read in memory. */
  regions: { ...COMMON, unpackedMb: 256, partMb: 200, sharedStringsMb: 32, rows: 200_000 },
} as const satisfies Record<string, SpreadsheetLimits>;

/** Imports that run at once in one server process unless GRIDGUARD_IMPORT_CONCURRENCY says otherwise. */
export const DEFAULT_IMPORT_CONCURRENCY = 1;
