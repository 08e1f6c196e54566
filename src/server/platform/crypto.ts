// Personal fields (ID numbers, phones) are stored encrypted with AES-256-GCM and found through
// an HMAC-SHA256 index. The keyring lives in GRIDGUARD_DATA_KEY (the JSON below, base64'd) or
// in $DATA_DIR/keys/datakey.json, created on first start with mode 0600.
// Rotation (`npm run rotate-key`, README): add a key and make it current; old ciphertexts still
// decrypt by their key id and are re-encrypted in batches; then the old key can be retired.
// The index key never rotates: it is what finds a record, so changing it would mean
// rebuilding every index column.
import { type CipherGCM, type Decipher, type DecipherGCM, createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const Keyring = z.object({
  current: z.string().regex(/^[a-z0-9]{1,8}$/),
  keys: z.record(z.string(), z.string()),
  indexKey: z.string(),
});
export type KeyringJson = z.infer<typeof Keyring>;

export interface FieldCrypto {
  /** The key id new ciphertexts are made with. */
  readonly currentKeyId: string;
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  /** Keyed hash for equality lookups; input should already be normalised. */
  index(plain: string): string;
  /** A stream cipher for a file (an uploaded spreadsheet waiting for its import): its key id and nonce go first in the file, its tag last. */
  sealer(): { keyId: string; iv: Buffer; cipher: CipherGCM };
  opener(keyId: string, iv: Buffer, tag: Buffer): DecipherGCM;
  /**
   * Reads a sealed file from its 16-byte block `block` on, for random access (a zip's central
   * directory sits at its end). Unauthenticated: check the whole file once with `opener` first.
   */
  rangeOpener(keyId: string, iv: Buffer, block: number): Decipher;
  /** The keyring, for a worker thread of this process that encrypts too (an import's reader); never logged or stored. */
  keyringForWorker(): KeyringJson;
}

// A fresh 12-byte nonce per encryption, sliced from a pool: randomBytes(12) costs ~10 µs a
// call (a third of the demo load's CPU), a 12 KiB refill a fraction of that per nonce.
const NONCE = 12;
let noncePool = Buffer.alloc(0);
let nonceAt = 0;
function nextNonce(): Buffer {
  if (nonceAt + NONCE > noncePool.length) {
    noncePool = randomBytes(NONCE * 1024);
    nonceAt = 0;
  }
  nonceAt += NONCE;
  return noncePool.subarray(nonceAt - NONCE, nonceAt);
}

function fromJson(json: KeyringJson): FieldCrypto {
  const keys = new Map<string, Buffer>();
  for (const [id, b64] of Object.entries(json.keys)) {
    const key = Buffer.from(b64, 'base64');
    if (key.length !== 32) throw new Error(`data key ${id} must be 32 bytes`);
    keys.set(id, key);
  }
  const currentKey = keys.get(json.current);
  if (!currentKey) throw new Error(`data keyring names current key ${json.current} but does not hold it`);
  const indexKey = Buffer.from(json.indexKey, 'base64');
  return {
    currentKeyId: json.current,
    encrypt(plain) {
      const iv = nextNonce();
      const cipher = createCipheriv('aes-256-gcm', currentKey, iv);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${json.current}.${Buffer.concat([iv, ct, cipher.getAuthTag()]).toString('base64url')}`;
    },
    decrypt(stored) {
      const dot = stored.indexOf('.');
      const key = keys.get(stored.slice(0, dot));
      if (dot < 0 || !key) throw new Error('encrypted field uses an unknown key id');
      const raw = Buffer.from(stored.slice(dot + 1), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(raw.length - 16));
      return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
    },
    index(plain) {
      return createHmac('sha256', indexKey).update(plain, 'utf8').digest('base64url');
    },
    keyringForWorker() {
      return structuredClone(json);
    },
    sealer() {
      const iv = randomBytes(NONCE);
      return { keyId: json.current, iv, cipher: createCipheriv('aes-256-gcm', currentKey, iv) };
    },
    opener(keyId, iv, tag) {
      const key = keys.get(keyId);
      if (!key) throw new Error('sealed file uses an unknown key id');
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAuthTag(tag);
      return decipher;
    },
    rangeOpener(keyId, iv, block) {
      const key = keys.get(keyId);
      if (!key) throw new Error('sealed file uses an unknown key id');
      // GCM with a 12-byte nonce is CTR mode whose first data block has counter 2 (block 1 makes
      // the tag): block b of the file is counter 2 + b in the last 32 bits, as aes-256-ctr counts
      // (a sealed upload of 300 MB is 19 million blocks: the count never carries past 32 bits).
      const counter = Buffer.alloc(16);
      iv.copy(counter, 0, 0, 12);
      counter.writeUInt32BE(2 + block, 12);
      return createDecipheriv('aes-256-ctr', key, counter);
    },
  };
}

export function newKeyringJson(): KeyringJson {
  return { current: 'k1', keys: { k1: randomBytes(32).toString('base64') }, indexKey: randomBytes(32).toString('base64') };
}

const keyFileOf = (dataDir: string) => path.join(dataDir, 'keys', 'datakey.json');

/** The keyring as stored: the env value (base64 of the JSON) or the key file, created on first start. */
export function loadKeyring(opts: { envValue: string | undefined; dataDir: string }): KeyringJson {
  if (opts.envValue) return Keyring.parse(JSON.parse(Buffer.from(opts.envValue, 'base64').toString('utf8')));
  const file = keyFileOf(opts.dataDir);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, JSON.stringify(newKeyringJson(), null, 2), { mode: 0o600, flag: 'wx' });
  }
  return Keyring.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

export const loadFieldCrypto = (opts: { envValue: string | undefined; dataDir: string }): FieldCrypto => fieldCryptoOf(loadKeyring(opts));
export const fieldCryptoOf = (json: KeyringJson): FieldCrypto => fromJson(Keyring.parse(json));

/** A keyring with one more key, made current; the old keys stay so old ciphertexts still open. */
export function withNewKey(json: KeyringJson): KeyringJson {
  const next = Math.max(0, ...Object.keys(json.keys).map((k) => Number(/^k(\d+)$/.exec(k)?.[1] ?? 0))) + 1;
  const id = `k${next}`;
  return { ...json, current: id, keys: { ...json.keys, [id]: randomBytes(32).toString('base64') } };
}

/** Writes the keyring back to the key file (mode 0600), atomically. */
export function saveKeyringFile(dataDir: string, json: KeyringJson): void {
  const file = keyFileOf(dataDir);
  fs.writeFileSync(`${file}.new`, JSON.stringify(json, null, 2), { mode: 0o600 });
  fs.renameSync(`${file}.new`, file);
}

/** For tests and benchmarks: a throwaway keyring in memory. */
export const ephemeralFieldCrypto = (): FieldCrypto => fromJson(newKeyringJson());

export function maskIdNumber(id: string): string {
  return id.length > 10 ? `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}` : '*'.repeat(id.length);
}
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '*'.repeat(phone.length);
}
