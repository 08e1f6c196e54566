// An .xlsx keeps each distinct text once, in a shared-strings part that cells point into by
// number. A million-row sheet has millions of them: as JavaScript strings (exceljs' cache)
// they took over a gigabyte. Here they are UTF-8 bytes in large blocks with typed-array
// offsets — about the size of the text itself — and decoded one at a time when a cell asks.
// The table lives outside the JavaScript heap (a worker's heap limit does not bound it), so it
// has its own budget, counted as it fills; and each text is counted while it is read, so a
// 100 MB "string" is refused at its 32,768th character, not after it was held.
import type { SpreadsheetLimits } from '../../../shared/import-limits.ts';
import { refuse } from './import-refusal.ts';
import type { WorkbookZip } from './workbook-zip.ts';
import { type XmlHandler, parseXmlPart } from './xml-part.ts';

const BLOCK_BYTES = 8 * 1024 * 1024;
/** Offsets kept per string: a block number (2 bytes), a start and a length (4 each). */
const OFFSET_BYTES = 10;

export class SharedStrings {
  private blocks: Buffer[] = [];
  private used = BLOCK_BYTES; // no block yet: the first add allocates one
  private blockOf = new Uint16Array(1024);
  private startOf = new Uint32Array(1024);
  private lengthOf = new Uint32Array(1024);
  size = 0;

  /** `budgetMb`: what the blocks and offsets may take, grown arrays included. */
  constructor(private readonly budgetMb = Number.POSITIVE_INFINITY) {}

  add(text: string): void {
    const bytes = Buffer.byteLength(text);
    if (this.used + bytes > BLOCK_BYTES) {
      this.reserve(Math.max(BLOCK_BYTES, bytes));
      this.blocks.push(Buffer.allocUnsafe(Math.max(BLOCK_BYTES, bytes)));
      this.used = 0;
    }
    if (this.size === this.startOf.length) this.grow();
    const block = this.blocks.length - 1;
    const target = this.blocks[block] as Buffer;
    target.write(text, this.used, 'utf8');
    this.blockOf[this.size] = block;
    this.startOf[this.size] = this.used;
    this.lengthOf[this.size] = bytes;
    this.used += bytes;
    this.size += 1;
  }

  get(index: number): string | null {
    if (index < 0 || index >= this.size) return null;
    const block = this.blocks[this.blockOf[index] ?? 0];
    const start = this.startOf[index] ?? 0;
    return block ? block.toString('utf8', start, start + (this.lengthOf[index] ?? 0)) : null;
  }

  /** Bytes held: the blocks and the offset arrays. */
  memoryBytes(): number {
    return this.blocks.reduce((sum, b) => sum + b.length, 0) + this.startOf.length * OFFSET_BYTES;
  }

  /** Refuses before allocating what would pass the budget (the old arrays count while copied). */
  private reserve(more: number): void {
    if (this.memoryBytes() + more > this.budgetMb * 1_048_576) throw refuse('SHARED_STRINGS_TOO_LARGE', { max: this.budgetMb });
  }

  private grow(): void {
    const n = this.startOf.length * 2;
    this.reserve(n * OFFSET_BYTES);
    const blockOf = new Uint16Array(n);
    blockOf.set(this.blockOf);
    const startOf = new Uint32Array(n);
    startOf.set(this.startOf);
    const lengthOf = new Uint32Array(n);
    lengthOf.set(this.lengthOf);
    this.blockOf = blockOf;
    this.startOf = startOf;
    this.lengthOf = lengthOf;
  }
}

/**
 * Reads the shared-strings part into `strings`: each <si>'s text (its <t>, or its rich-text
 * runs joined), leaving out phonetic guides (<rPh>), which Excel does not show in the cell.
 */
export async function readSharedStrings(zip: WorkbookZip, part: string, strings: SharedStrings, limits: Pick<SpreadsheetLimits, 'cellChars'>): Promise<void> {
  let inItem = false;
  let inText = false;
  let phonetic = 0;
  let pieces: string[] = [];
  let length = 0;
  const handler: XmlHandler = {
    open(name) {
      if (name === 'si') {
        inItem = true;
        pieces = [];
        length = 0;
      } else if (name === 'rPh') phonetic += 1;
      else if (name === 't') inText = inItem && phonetic === 0;
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic -= 1;
      else if (name === 'si' && inItem) {
        strings.add(pieces.length === 1 ? (pieces[0] as string) : pieces.join(''));
        inItem = false;
        pieces = [];
      }
    },
    text(text) {
      if (!inText) return;
      length += text.length;
      if (length > limits.cellChars) throw refuse('TEXT_TOO_LONG', { max: limits.cellChars });
      pieces.push(text);
    },
  };
  for await (const _ of parseXmlPart(part, zip.read(part), handler, () => [])) {
    // nothing is yielded: the handler fills `strings`
  }
}
