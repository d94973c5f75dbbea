// The workflow bundle's entry point: every workflow type the worker serves.
export { dossierWorkflow } from './dossier/workflow';
export { roundWorkflow } from './round/workflow';
export { clusterMonitoringWorkflow } from './monitoring/workflow';
