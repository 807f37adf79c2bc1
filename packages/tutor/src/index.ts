export * from './contract.ts';
export { detectLocale } from './language.ts';
export {
  createTutor,
  fitParameters,
  InvalidRequestError,
  type OrchestrateOptions,
  parseOrchestrateRequest,
  type Tutor,
  type TutorEvent,
  type TutorOptions,
} from './orchestrator.ts';
export type { Plan, Planner, PlanRequest, ReplyRequest } from './planner/types.ts';
export { builtinTools, RemoteToolError, remoteTool, type ToolDescription, ToolRegistry } from './registry.ts';
export * from './tool.ts';
