import { Client } from 'pg';
import { useTestPostgres } from '../../support/postgres';

describe('audit_events is append-only in the database', () => {
  const pg = useTestPostgres();

  // Nested so that its afterAll (closing the client) runs before the server stops.
  describe('with a migrated database', () => {
    let client: Client;

    beforeAll(async () => {
      const db = await pg.createDatabase('audit_append_only', { migrated: true });
      client = new Client({ connectionString: db.url });
      await client.connect();
      await client.query(
        `INSERT INTO audit_events (actor, action, entity_type, entity_id, dossier_code, new_value)
         VALUES ('intake.officer', 'dossier.filed', 'Dossier', 'd-1', 'CCN-TEST-00001', '{"stage":"COMPLETENESS_CHECK"}')`,
      );
    });
    afterAll(async () => {
      await client?.end();
    });

    test('INSERT works and ids grow', async () => {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO audit_events (actor, action, entity_type, entity_id) VALUES ('a', 'b', 'c', 'd') RETURNING id`,
      );
      expect(BigInt(rows[0]!.id)).toBeGreaterThan(1n);
    });

    test.each([
      ['UPDATE', "UPDATE audit_events SET actor = 'someone else'"],
      ['DELETE', 'DELETE FROM audit_events'],
      ['TRUNCATE', 'TRUNCATE audit_events'],
    ])('%s is refused', async (op, sql) => {
      await expect(client.query(sql)).rejects.toThrow(`audit_events is append-only: ${op} is not allowed`);
      const { rows } = await client.query<{ actor: string }>(`SELECT actor FROM audit_events WHERE dossier_code = 'CCN-TEST-00001'`);
      expect(rows).toEqual([{ actor: 'intake.officer' }]);
    });
  });
});
