// A spreadsheet refused as a whole because it passed a limit (shared/import-limits.ts) or is not
// what Excel writes. An AppError, so at upload time it is the HTTP answer (413/422 with its code);
// inside a job it becomes the job's error with the same code and parameters, which the web
// shows in the reader's language. Never carries a cell's content: only numbers, letters and the
// names of zip parts.
import { type ImportFileErrorCode, importReasonText } from '../../../shared/import-reasons.ts';
import { AppError } from '../../platform/errors.ts';

export type RefusalParams = Record<string, string | number>;

export class ImportRefusal extends AppError {
  constructor(
    readonly reason: ImportFileErrorCode,
    readonly params: RefusalParams,
  ) {
    const text = importReasonText(reason, params, 'en') ?? reason;
    // The parameters ride in the details too ("file.max": "1024"), so a client can word the
    // refusal in its own language from the code (the web does).
    super(reason, `file: ${text}`, [{ path: 'file', message: text }, ...Object.entries(params).map(([key, value]) => ({ path: `file.${key}`, message: String(value) }))]);
  }

  /** The job's error: the sentence without the field prefix of an HTTP answer. */
  get jobMessage(): string {
    return importReasonText(this.reason, this.params, 'en') ?? this.reason;
  }
}

export const refuse = (reason: ImportFileErrorCode, params: RefusalParams = {}) => new ImportRefusal(reason, params);

/** A failure a job reports: the English sentence, and the code and parameters to translate it. */
export interface JobFailure {
  message: string;
  code?: ImportFileErrorCode;
  params?: RefusalParams;
}

export const failureOf = (refusal: ImportRefusal): JobFailure => ({ message: refusal.jobMessage, code: refusal.reason, params: refusal.params });
