import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UploadStaging } from './upload-staging.ts';

describe('UploadStaging', () => {
  it('stages bytes and streams, hands each out once, and deletes the file once read', async () => {
    const staging = new UploadStaging(1024);
    const fromBytes = await staging.stageBytes(new TextEncoder().encode('hello'));
    const fromStream = await staging.stageStream(Readable.from([Buffer.from('wor'), Buffer.from('ld')]));
    expect(fromBytes.ok && fromStream.ok).toBe(true);
    if (!fromBytes.ok || !fromStream.ok) return;
    expect(fromStream.value.size).toBe(5);
    const source = staging.take(fromStream.value.uploadId, '../../etc/passwd')!;
    expect(source.name).toBe('passwd');
    expect(new TextDecoder().decode(await source.read())).toBe('world');
    expect(staging.take(fromStream.value.uploadId, 'again')).toBeUndefined();
    await expect(source.read()).rejects.toThrow();
    await staging.dispose();
    expect(staging.take(fromBytes.value.uploadId, 'x')).toBeUndefined();
  });

  it('refuses what passes the cap, keeping nothing of it', async () => {
    const staging = new UploadStaging(10);
    expect(await staging.stageBytes(new Uint8Array(11))).toMatchObject({ ok: false, error: { code: 'too-large' } });
    const streamed = await staging.stageStream(Readable.from([Buffer.alloc(6), Buffer.alloc(6)]));
    expect(streamed).toMatchObject({ ok: false, error: { code: 'too-large' } });
    expect(staging.count).toBe(0);
    await staging.dispose();
  });
});
