import { z } from 'zod';
import { defineTool } from '../tool.ts';
import { Depth, Grounding, SourceReference } from './shared.ts';

const input = z.object({
  concept_to_explain: z.string().min(1).max(200),
  current_topic: z.string().min(1).max(200).describe('The lesson the concept belongs to, for context'),
  desired_depth: Depth.default('intermediate'),
});

const output = z.object({
  explanation: z.string(),
  examples: z.array(z.string()),
  related_concepts: z.array(z.string()),
  practice_questions: z.array(z.string()),
  source_references: z.array(SourceReference),
  grounding: Grounding,
});

export const conceptExplainer = defineTool({
  name: 'concept_explainer',
  title: { en: 'Concept explainer', fil: 'Tagapaliwanag ng konsepto' },
  description:
    'Explains a concept at the requested depth (basic, intermediate, advanced, comprehensive) with examples, related concepts and practice questions. Pick it when the student asks what something is, why or how it works, or says they do not understand a concept.',
  input,
  output,
  slots: { concept_to_explain: 'topic', current_topic: 'context_topic', desired_depth: 'depth' },
  required: ['concept_to_explain'],
  examples: { en: [], fil: [] },
  prompt: 'TODO(#3)',
  run() {
    throw new Error('not implemented');
  },
  reply: () => '',
});
