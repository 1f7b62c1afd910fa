/**
 * The little-endian binary files of typed-array columns that runs keep under `.warta/`
 * (`articles.bin`, `outputs.bin`): numbers, length-prefixed strings and whole columns, written as
 * a list of buffers for one `writev` and read back with a bounds check on every step.
 */
export class BinaryWriter {
  readonly parts: Buffer[] = [];

  u32(value: number): void {
    const b = Buffer.allocUnsafe(4);
    b.writeUInt32LE(value);
    this.parts.push(b);
  }

  /** u32 byte length, then the UTF-8 bytes. */
  string(value: string): void {
    const b = Buffer.from(value);
    this.u32(b.length);
    this.parts.push(b);
  }

  /** The bytes of a typed array as they are in memory (no copy). */
  column(values: ArrayBufferView): void {
    this.parts.push(Buffer.from(values.buffer, values.byteOffset, values.byteLength));
  }

  bytes(value: Buffer): void {
    this.parts.push(value);
  }
}

export class BinaryReader {
  constructor(
    readonly bytes: Buffer,
    /** Named in the error when the bytes end early (`article table`). */
    private readonly what: string,
    public at = 0,
  ) {}

  u32(): number {
    this.need(4);
    const value = this.bytes.readUInt32LE(this.at);
    this.at += 4;
    return value;
  }

  string(): string {
    const n = this.u32();
    this.need(n);
    return this.bytes.toString('utf8', this.at, (this.at += n));
  }

  /** The next `length` bytes, copied out: a typed array over them needs an aligned offset. */
  take(length: number): ArrayBuffer {
    this.need(length);
    const start = this.bytes.byteOffset + this.at;
    this.at += length;
    return this.bytes.buffer.slice(start, start + length) as ArrayBuffer;
  }

  private need(length: number): void {
    if (this.at + length > this.bytes.length) throw new RangeError(`${this.what} is truncated`);
  }
}
