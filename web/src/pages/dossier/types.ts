/** The API's shapes the dossier and round pages show, from the generated OpenAPI types. */
import type { components } from '../../api/openapi';

type Schemas = components['schemas'];
export type Dossier = Schemas['Dossier'];
export type Deadline = Schemas['Deadline'];
export type Round = Schemas['Round'];
export type RuleSet = Schemas['RuleSet'];
export type DossierDocuments = Schemas['DossierDocuments'];
export type TimelineEntry = Dossier['timeline'][number];
export type ScoreSheetRow = Dossier['scores'][number];
