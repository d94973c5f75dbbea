import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

// Operators filter workflows by these in the Temporal UI. They are stored unencrypted, so they
// carry stage, status and cluster only: never an applicant's name, tax code or e-mail.
export const DOSSIER_STAGE = defineSearchAttributeKey('DossierStage', SearchAttributeType.KEYWORD);
export const DOSSIER_STATUS = defineSearchAttributeKey('DossierStatus', SearchAttributeType.KEYWORD);
export const CLUSTER_CODE = defineSearchAttributeKey('ClusterCode', SearchAttributeType.KEYWORD);

/** Registered on the dev server at start (`--search-attribute Name=Type`). */
export const SEARCH_ATTRIBUTE_DEFINITIONS: Record<string, 'Keyword'> = {
  [DOSSIER_STAGE.name]: 'Keyword',
  [DOSSIER_STATUS.name]: 'Keyword',
  [CLUSTER_CODE.name]: 'Keyword',
};
