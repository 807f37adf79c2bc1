export { type AnswerType, type CheckOptions, type CheckResult, checkAnswer } from './checker.ts';
export * from './contract.ts';
export {
  createGenerator,
  DEFAULT_BUDGET,
  type GenerationObserver,
  type GenerationOutcome,
  type GenerationReport,
  type Generator,
  type GeneratorOptions,
  memoryLedger,
  type TokenBudget,
  type TokenLedger,
  utcDay,
} from './generate/index.ts';
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
export * from './pedagogy/bkt.ts';
export * from './pedagogy/evidence.ts';
export * from './pedagogy/exercise-topics.ts';
export * from './pedagogy/fsrs.ts';
export * from './pedagogy/next.ts';
export * from './pedagogy/practice.ts';
export * from './pedagogy/profile.ts';
export * from './pedagogy/socratic.ts';
export * from './pedagogy/time.ts';
export { embeddedPlanner } from './planner/embedded/index.ts';
export { CONNECT_TIMEOUT_MS } from './planner/liveness.ts';
export {
  CircuitBreaker,
  CircuitOpenError,
  type CircuitState,
  createLanguageModel,
  createLlmPlanner,
  createProviderBreaker,
  LlmConfig,
  type LlmObserver,
  type LlmPlanner,
  type LlmPlannerOptions,
} from './planner/llm.ts';
export type { Plan, Planner, PlanRequest, ReplyRequest } from './planner/types.ts';
export { builtinTools, RemoteToolError, remoteTool, type ToolDescription, ToolRegistry } from './registry.ts';
export * from './safety/moderate.ts';
export * from './tool.ts';
export { looksLikeMath, type MathSolution, type MathStep, solveMath } from './tools/math_solver/index.ts';
export {
  checkQuizAnswer,
  type PublicQuizQuestion,
  publicQuestion,
  type QuizQuestion,
} from './tools/quiz_generator.ts';
