import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { SEARCH_ATTRIBUTE_DEFINITIONS } from '../workflows/search-attributes';

/**
 * Registers the workflows' custom search attributes on the namespace when they are missing. The dev
 * server gets them as start flags; a production cluster (docker-compose, a province's Temporal)
 * gets them here, before the worker runs a workflow that would otherwise fail to upsert them.
 */
export async function ensureSearchAttributes(address: string, namespace: string): Promise<string[]> {
  const connection = await Connection.connect({ address });
  try {
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    const known = new Set(Object.keys(existing.customAttributes ?? {}));
    const missing = Object.keys(SEARCH_ATTRIBUTE_DEFINITIONS).filter((name) => !known.has(name));
    if (missing.length > 0) {
      await connection.operatorService.addSearchAttributes({
        namespace,
        searchAttributes: Object.fromEntries(missing.map((name) => [name, temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD])),
      });
    }
    return missing;
  } finally {
    await connection.close();
  }
}
