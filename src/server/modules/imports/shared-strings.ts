// An .xlsx keeps each distinct text once, in a shared-strings part that cells point into by
// number. A million-row sheet has millions of them: as JavaScript strings (exceljs' cache)
// they took over a gigabyte. Here they are UTF-8 bytes in large blocks with typed-array
// offsets — about the size of the text itself — and decoded one at a time when a cell asks.
const BLOCK_BYTES = 8 * 1024 * 1024;

export class SharedStrings {
  private blocks: Buffer[] = [];
  private used = BLOCK_BYTES; // no block yet: the first add allocates one
  private blockOf = new Uint16Array(1024);
  private startOf = new Uint32Array(1024);
  private lengthOf = new Uint32Array(1024);
  size = 0;

  add(text: string): void {
    const bytes = Buffer.byteLength(text);
    if (this.used + bytes > BLOCK_BYTES) {
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

  private grow(): void {
    const n = this.startOf.length * 2;
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

/** A shared string entry as exceljs emits it: plain text or rich-text runs. */
export function sharedStringText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && Array.isArray((value as { richText?: unknown }).richText)) {
    return (value as { richText: { text?: string }[] }).richText.map((r) => r.text ?? '').join('');
  }
  return value === null || value === undefined ? '' : String(value);
}
