import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../../../infra/config';
import { documentStorageFromEnv } from '../../../storage/config';

// No Docker engine runs here, so the production topology is checked by reading the file.
interface Service {
  image?: string;
  build?: string;
  command?: string[];
  ports?: string[];
  expose?: string[];
  restart?: string;
  environment?: Record<string, string | number>;
  depends_on?: Record<string, { condition: string }> | string[];
}

/** Compose's `${VAR:-default}` takes the default; a required `${VAR:?message}` takes a sample value an operator would set. */
function interpolate(value: string): string {
  const samples: Record<string, string> = { SMTP_URL: 'smtp://relay.example:587', PAYLOAD_KEYS: `sample-2026:${Buffer.alloc(32, 7).toString('base64')}` };
  return value.replace(/\$\{(\w+)(?::-([^}]*)|:\?[^}]*)?\}/g, (_match, name: string, fallback: string | undefined) =>
    fallback ?? samples[name] ?? `sample-${name.toLowerCase()}-0123456789`,
  );
}

const root = path.resolve(__dirname, '../../..');
const compose = parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  configs?: Record<string, { content?: string }>;
};
const services = compose.services;

describe('docker-compose.yml (production topology)', () => {
  it('has Temporal on PostgreSQL with its UI, an application database, and the API and worker from the Dockerfile', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'app-db', 'migrate', 'object-store', 'temporal', 'temporal-db', 'temporal-ui', 'worker']);
    expect(services.temporal?.image).toMatch(/^temporalio\/(auto-setup|server):1\.29/);
    expect(services.temporal?.environment?.DB).toBe('postgres12');
    expect(services.temporal?.environment?.POSTGRES_SEEDS).toBe('temporal-db');
    expect(services['temporal-ui']?.environment?.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(services['app-db']?.image).toMatch(/^postgres:/);
    for (const name of ['api', 'worker', 'migrate']) expect(services[name]?.build).toBe('.');
    expect(fs.existsSync(path.join(root, 'Dockerfile'))).toBe(true);
  });

  it('runs the entry points that exist in the repository', () => {
    for (const name of ['api', 'worker', 'migrate']) {
      const script = services[name]?.command?.at(-1) as string;
      expect(fs.existsSync(path.join(root, script))).toBe(true);
    }
  });

  it('publishes the API, keeps the Temporal frontend private and the UI on the host loopback only', () => {
    expect(services.api?.ports).toContain('3000:3000');
    expect(services.temporal?.ports).toBeUndefined();
    expect(services.temporal?.expose).toContain('7233');
    expect(services['temporal-ui']?.ports).toEqual(['127.0.0.1:8080:8080']);
  });

  it('restarts the API and worker until Temporal is ready', () => {
    for (const name of ['api', 'worker']) expect(services[name]?.restart).toBe('unless-stopped');
  });

  it('wires the API and worker to the app database, Temporal and an SMTP relay with a configuration the app accepts', () => {
    for (const name of ['api', 'worker']) {
      const env = services[name]?.environment ?? {};
      expect(env.DATABASE_URL).toMatch(/@app-db:5432\//);
      expect(env.TEMPORAL_ADDRESS).toBe('temporal:7233');
      expect(String(env.SMTP_URL)).toMatch(/SMTP_URL/);
      const resolved = Object.fromEntries(Object.entries(env).map(([key, value]) => [key, interpolate(String(value))]));
      expect(() => loadConfig(resolved)).not.toThrow();
    }
    expect(services.api?.depends_on).toMatchObject({ migrate: { condition: 'service_completed_successfully' } });
    // Histories hold applicants' personal data: both encrypt with the same required keys, and the UI decodes through the API.
    for (const name of ['api', 'worker']) expect(services[name]?.environment?.PAYLOAD_KEYS).toMatch(/^\$\{PAYLOAD_KEYS:\?/);
    expect(services['temporal-ui']?.environment?.TEMPORAL_CODEC_ENDPOINT).toMatch(/\/api\/temporal-codec\}$/);
  });

  it('keeps documents in a permissively licensed S3 store on the compose network, with the API signed in to it', () => {
    const store = services['object-store'];
    // SeaweedFS is Apache-2.0; MinIO's server (AGPL-3.0) is not what this file names.
    expect(store?.image).toMatch(/^chrislusf\/seaweedfs:\d/);
    expect(store?.ports).toBeUndefined();
    expect(store?.expose).toContain('8333');
    const env = services.api?.environment ?? {};
    expect(interpolate(String(env.S3_ENDPOINT))).toBe('http://object-store:8333');
    const resolved = Object.fromEntries(Object.entries(env).map(([key, value]) => [key, interpolate(String(value))]));
    const storage = documentStorageFromEnv(resolved);
    expect(storage.description).toBe('s3://ccn-documents at http://object-store:8333');
    const identities = JSON.parse(interpolate(compose.configs?.['seaweedfs-s3']?.content ?? '{}')) as {
      identities: Array<{ credentials: Array<{ accessKey: string }> }>;
    };
    expect(identities.identities[0]?.credentials[0]?.accessKey).toBe(resolved.S3_ACCESS_KEY_ID);
    expect(services.api?.depends_on).toMatchObject({ 'object-store': { condition: 'service_started' } });
  });
});
