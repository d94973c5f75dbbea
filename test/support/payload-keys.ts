import type { DataConverter } from '@temporalio/common';
import { encryptingDataConverter, PayloadKeysSchema } from '../../infra/payload-codec';

/**
 * The tests' payload key. It is published with the code on purpose: histories recorded by the
 * scenarios (test/fixtures/histories) are encrypted with it, and the replay test must read them on
 * any machine. No installation uses it: production requires its own PAYLOAD_KEYS.
 */
export const TEST_PAYLOAD_KEYS = 'test-fixtures:yaZUNhIVTppicLfaJd1X4gES1vqdDrgR25rAFMl33Oc=';

export function testDataConverter(): DataConverter {
  return encryptingDataConverter(PayloadKeysSchema.parse(TEST_PAYLOAD_KEYS));
}
