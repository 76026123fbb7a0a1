// Every workflow the worker runs. Deterministic code only: no Math.random, I/O or Node built-ins
// (the ESLint config enforces the imports); Date.now() is Temporal's deterministic workflow clock.
export { alarmWorkflowV2 } from './alarm';
export { caseWorkflowV2 } from './case';
export { infoRequestWorkflow } from './info-request';
export { litigationWorkflow } from './litigation';
// The first engine, for alarms and cases started before the second (until they end or move).
export { alarmWorkflow } from './alarm-v1';
export { caseWorkflow } from './case-v1';
