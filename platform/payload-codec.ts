// Every payload the API and the worker exchange through Temporal (workflow inputs, Updates,
// results, activity arguments) is encrypted and authenticated with AES-256-GCM, after Temporal's
// encryption sample (samples-typescript/encryption): the Temporal server and whoever reads its
// database see only ciphertext. The key id travels in each payload's metadata, so keys rotate: the
// current key encrypts, any known key decrypts.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import {
  METADATA_ENCODING_KEY,
  ValueError,
  type Payload,
  type PayloadCodec,
} from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { unauthenticPayload } from '../common/unauthentic-payload';
import { readOrCreateSecret } from './secret-file';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface PayloadKeys {
  /** The key that encrypts: the first one configured. */
  currentId: string;
  byId: ReadonlyMap<string, Buffer>;
}

/** A key's id is derived from the key, so that configuring keys cannot pair an id with the wrong key. */
export function payloadKeyId(key: Buffer): string {
  return `sha256:${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

export function payloadKeys(hexKeys: readonly string[]): PayloadKeys {
  const byId = new Map(
    hexKeys.map((hex) => Buffer.from(hex, 'hex')).map((k) => [payloadKeyId(k), k]),
  );
  return { currentId: payloadKeyId(Buffer.from(hexKeys[0]!, 'hex')), byId };
}

/** TEMPORAL_PAYLOAD_KEYS, else DATA_DIR/temporal-payload-key (created once, readable by its owner
 * only), so that `npm start`, `npm run worker` and `npm run api` on one machine agree. */
export function loadPayloadKeys(config: {
  TEMPORAL_PAYLOAD_KEYS?: string[];
  DATA_DIR: string;
}): PayloadKeys {
  if (config.TEMPORAL_PAYLOAD_KEYS) return payloadKeys(config.TEMPORAL_PAYLOAD_KEYS);
  return payloadKeys([readOrCreateSecret(config.DATA_DIR, 'temporal-payload-key')]);
}

export interface CodecOptions {
  /**
   * What a payload that is not authentic becomes. 'throw' (clients: the API, scripts) fails the
   * call. 'mark' (workers) replaces it by a marker value the workflow interceptors refuse: a codec
   * that throws while decoding a workflow activation fails the workflow task, which retries forever,
   * so one forged Update would wedge the case.
   */
  unauthentic: 'throw' | 'mark';
  /**
   * Let payloads that are not encrypted through unchanged: histories recorded before encryption
   * (the replay test's fixtures, and runs still open when a deployed system is upgraded; see
   * TEMPORAL_PAYLOAD_ACCEPT_PLAINTEXT). A forged plaintext payload is then accepted too.
   */
  acceptPlaintext?: boolean;
}

const text = (bytes: Uint8Array | null | undefined) =>
  bytes ? Buffer.from(bytes).toString('utf8') : undefined;

export class PayloadEncryptionCodec implements PayloadCodec {
  constructor(
    private readonly keys: PayloadKeys,
    private readonly options: CodecOptions,
  ) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const key = this.keys.byId.get(this.keys.currentId)!;
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      // The key id is authenticated too: a payload cannot be re-labelled with another key's id.
      cipher.setAAD(Buffer.from(this.keys.currentId));
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: {
          [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING),
          [KEY_ID_METADATA]: Buffer.from(this.keys.currentId),
        },
        data,
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decodeOne(payload));
  }

  private decodeOne(payload: Payload): Payload {
    if (text(payload.metadata?.[METADATA_ENCODING_KEY]) !== ENCRYPTED_ENCODING) {
      return this.options.acceptPlaintext
        ? payload
        : this.unauthentic('the payload is not encrypted');
    }
    const keyId = text(payload.metadata?.[KEY_ID_METADATA]) ?? '';
    const key = this.keys.byId.get(keyId);
    if (!key) return this.unauthentic(`the payload is encrypted with an unknown key ${keyId}`);
    const data = Buffer.from(payload.data ?? []);
    if (data.length < IV_BYTES + TAG_BYTES) return this.unauthentic('the payload is truncated');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(Buffer.from(keyId));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const plain = Buffer.concat([
        decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
        decipher.final(),
      ]);
      return temporal.api.common.v1.Payload.decode(plain);
    } catch {
      return this.unauthentic(`the payload does not authenticate with key ${keyId}`);
    }
  }

  private unauthentic(why: string): Payload {
    if (this.options.unauthentic === 'mark') return unauthenticPayload(why);
    throw new ValueError(`Refused a Temporal payload: ${why}.`);
  }
}
