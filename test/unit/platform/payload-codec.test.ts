import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { unauthenticReason } from '../../../common/unauthentic-payload';
import { payloadKeys, PayloadEncryptionCodec } from '../../../platform/payload-codec';

const hex = () => randomBytes(32).toString('hex');
const plain = defaultPayloadConverter.toPayload({ title: '盗窃电动车案' });
const value = (payload: Parameters<typeof defaultPayloadConverter.fromPayload>[0]) =>
  defaultPayloadConverter.fromPayload(payload);

describe('PayloadEncryptionCodec', () => {
  it('round-trips, and the ciphertext does not hold the clear text', async () => {
    const codec = new PayloadEncryptionCodec(payloadKeys([hex()]), { unauthentic: 'throw' });
    const [encrypted] = await codec.encode([plain]);
    expect(Buffer.from(encrypted!.data!).toString('utf8')).not.toContain('盗窃');
    expect(value((await codec.decode([encrypted!]))[0]!)).toEqual({ title: '盗窃电动车案' });
  });

  it('decrypts with a retired key after rotation; encrypts with the first', async () => {
    const [oldKey, newKey] = [hex(), hex()];
    const before = new PayloadEncryptionCodec(payloadKeys([oldKey]), { unauthentic: 'throw' });
    const after = new PayloadEncryptionCodec(payloadKeys([newKey, oldKey]), {
      unauthentic: 'throw',
    });
    const [old] = await before.encode([plain]);
    expect(value((await after.decode([old!]))[0]!)).toEqual({ title: '盗窃电动车案' });
    const [fresh] = await after.encode([plain]);
    await expect(before.decode([fresh!])).rejects.toThrow(/unknown key/);
  });

  it('refuses plaintext and tampering; a worker codec marks them instead of throwing', async () => {
    const keys = payloadKeys([hex()]);
    const client = new PayloadEncryptionCodec(keys, { unauthentic: 'throw' });
    const worker = new PayloadEncryptionCodec(keys, { unauthentic: 'mark' });
    const [encrypted] = await client.encode([plain]);
    const tampered = { ...encrypted!, data: Buffer.from(encrypted!.data!).fill(1, 20, 21) };
    await expect(client.decode([plain])).rejects.toThrow(/not encrypted/);
    await expect(client.decode([tampered])).rejects.toThrow(/does not authenticate/);
    expect(unauthenticReason(value((await worker.decode([tampered]))[0]!))).toMatch(
      /does not authenticate/,
    );
    expect(unauthenticReason(value((await worker.decode([plain]))[0]!))).toMatch(/not encrypted/);
  });

  it('passes plaintext through only when told to (recorded histories, the upgrade window)', async () => {
    const codec = new PayloadEncryptionCodec(payloadKeys([hex()]), {
      unauthentic: 'throw',
      acceptPlaintext: true,
    });
    expect(await codec.decode([plain])).toEqual([plain]);
  });
});
