// Every workflow the worker runs. Deterministic code only: no Date, Math.random, I/O or Node
// built-ins (the ESLint config enforces the imports).
export { alarmWorkflow } from './alarm';
export { caseWorkflow } from './case';
