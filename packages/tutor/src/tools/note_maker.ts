import { z } from 'zod';
import { defineTool } from '../tool.ts';
import { Grounding, NoteStyle, SourceReference } from './shared.ts';

const input = z.object({
  topic: z.string().min(1).max(200).describe('What the notes are about'),
  subject: z.string().min(1).max(100).describe('Academic subject, e.g. Mathematics, Science'),
  note_taking_style: NoteStyle.default('structured'),
  include_examples: z.boolean().default(true),
  include_analogies: z.boolean().default(false),
});

const output = z.object({
  topic: z.string(),
  title: z.string(),
  summary: z.string(),
  note_sections: z.array(
    z.object({
      title: z.string(),
      content: z.string(),
      key_points: z.array(z.string()),
      examples: z.array(z.string()),
      analogies: z.array(z.string()),
    }),
  ),
  key_concepts: z.array(z.string()),
  connections_to_prior_learning: z.array(z.string()),
  practice_suggestions: z.array(z.string()),
  source_references: z.array(SourceReference),
  note_taking_style: NoteStyle,
  grounding: Grounding,
});

export const noteMaker = defineTool({
  name: 'note_maker',
  title: { en: 'Note maker', fil: 'Gumagawa ng notes' },
  description:
    'Writes study notes on a topic in the requested style (outline, bullet points, narrative or structured), optionally with examples and analogies. Pick it when the student asks for notes, a summary or a reviewer of a topic.',
  input,
  output,
  slots: {
    topic: 'topic',
    subject: 'subject',
    note_taking_style: 'note_style',
    include_examples: 'include_examples',
    include_analogies: 'include_analogies',
  },
  required: ['topic'],
  examples: { en: [], fil: [] },
  prompt: 'TODO(#3)',
  run() {
    throw new Error('not implemented');
  },
  reply: () => '',
});
