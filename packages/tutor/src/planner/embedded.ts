import type { Plan, Planner, PlanRequest } from './types.ts';

/** The deterministic, offline planner: rules and a small classifier over the tools' own examples. */
export const embeddedPlanner: Planner = {
  name: 'embedded',
  async plan(request: PlanRequest): Promise<Plan> {
    const reply =
      request.locale === 'fil' ? 'Kumusta! Ano ang gusto mong aralin?' : 'Hi! What would you like to learn?';
    return { kind: 'no_tool', reply, confidence: 0.5, trace: [{ step: 'select', detail: 'placeholder' }] };
  },
};
