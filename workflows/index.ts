// Every workflow the worker runs. Deterministic code only: no Math.random, I/O or Node built-ins
// (the ESLint config enforces the imports); Date.now() is Temporal's deterministic workflow clock.
export { alarmWorkflow } from './alarm';
export { caseWorkflowV2 } from './case';
// The first engine, for cases started before caseWorkflowV2 (until they are upgraded).
export { caseWorkflow } from './case-v1';
