/** One contract, two real implementations: a folder, and S3 against a real s3rver. */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { ObjectNotFound, type ObjectStore } from '../../../storage/object-store';
import { startFolderStore, startS3rverStore, type TestStore } from './stores';

async function text(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function keys(store: ObjectStore, prefix: string): Promise<string[]> {
  const found: string[] = [];
  for await (const o of store.list(prefix)) found.push(o.key);
  return found.sort();
}

describe.each([
  ['folder', async () => startFolderStore()],
  ['S3 (s3rver)', startS3rverStore],
])('%s object store', (_name, start: () => Promise<TestStore>) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await start();
  });
  afterAll(async () => t.close());

  test('prepare is idempotent', async () => {
    await t.store.prepare();
    await t.store.prepare();
  });

  test('put, get whole and by range, list, move, delete', async () => {
    const body = randomBytes(6 * 1024 * 1024 + 17); // over one 5 MB multipart part
    await t.store.put('uploads/one', Readable.from([body.subarray(0, 1000), body.subarray(1000)]));
    expect((await text(await t.store.get('uploads/one'))).equals(body)).toBe(true);
    expect((await text(await t.store.get('uploads/one', { start: 10, end: 19 }))).equals(body.subarray(10, 20))).toBe(true);

    const info = [];
    for await (const o of t.store.list('uploads/')) info.push(o);
    expect(info).toEqual([expect.objectContaining({ key: 'uploads/one', size: body.length })]);

    await t.store.move('uploads/one', 'blobs/ab/abc');
    expect(await keys(t.store, 'uploads/')).toEqual([]);
    expect(await keys(t.store, 'blobs/')).toEqual(['blobs/ab/abc']);
    expect((await text(await t.store.get('blobs/ab/abc'))).length).toBe(body.length);

    await t.store.delete('blobs/ab/abc');
    await t.store.delete('blobs/ab/abc');
    await expect(t.store.get('blobs/ab/abc')).rejects.toBeInstanceOf(ObjectNotFound);
  });

  test('a stream that fails midway leaves no object', async () => {
    const failing = new Readable({ read() {} });
    const put = t.store.put('uploads/broken', failing);
    failing.push(randomBytes(64 * 1024));
    setTimeout(() => failing.destroy(new Error('client went away')), 50);
    await expect(put).rejects.toThrow();
    expect(await keys(t.store, 'uploads/')).toEqual([]);
  });

  test('keys that could escape the store are refused', async () => {
    await expect(t.store.put('../etc/passwd', Readable.from(['x']))).rejects.toThrow('invalid object key');
    await expect(t.store.get('blobs/../../x')).rejects.toThrow('invalid object key');
  });
});
