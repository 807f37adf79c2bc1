import { fmtDecimal } from '../num.ts';
import type { Opening, Solved } from '../types.ts';
import { opening, storySteps, withUnit } from './explain.ts';
import type { Story } from './read.ts';
import { readSchemas } from './schemas.ts';

/** The word engine's verdict on a story: solved, or an opening that teaches the first step. */
export type WordResult = Solved | Opening;

const CONCEPT = {
  en: 'Read the story: what do we know, what is asked, and does the amount grow, shrink, repeat in equal groups, or get shared?',
  fil: 'Basahin ang kuwento: ano ang alam, ano ang tinatanong, at ang dami ba ay nadaragdagan, nababawasan, inuulit nang pantay, o pinaghahatian?',
};

/** Solves a story already read, or opens it as a Socratic question. */
export function solveStory(story: Story, loc: 'en' | 'fil'): WordResult {
  const r = readSchemas(story);
  const concept = CONCEPT[loc];
  const answer = r ? fmtDecimal(r.value) : null;
  if (!r || answer === null) return { kind: 'opening', ...opening(story, loc), concept };
  const steps = storySteps(story, r, answer, loc);
  const next = steps[2]?.description;
  const unit = withUnit(answer, r.currency, r.noun, loc);
  return { kind: 'word_problem', answer, steps, concept, unit, ...(next ? { next } : {}) };
}
