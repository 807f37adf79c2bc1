import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTutor, OrchestrateResponse, type TutorEvent } from '../../src/index.ts';
import type { Planner } from '../../src/planner/types.ts';

/** A conversational planner that records whether it was asked anything. */
function watchedLlm() {
  const calls: string[] = [];
  const llm: Planner = {
    name: 'llm',
    async plan(request) {
      calls.push(request.message);
      return { kind: 'no_tool', reply: 'from the model', confidence: 0.9, trace: [] };
    },
  };
  return { llm, calls };
}

const user = { user_id: 's1', name: 'Ana' };

describe('orchestrate screens every message before planning', () => {
  it('answers a crisis with the hotlines in the student language, without a planner or a tool', async () => {
    const { llm, calls } = watchedLlm();
    const tutor = createTutor({ llm });
    const events: TutorEvent[] = [];
    const r = await tutor.orchestrate(
      { user_info: user, message: 'parang gusto ko na lang mag-suicide' },
      { onEvent: (e) => events.push(e) },
    );
    expect(OrchestrateResponse.parse(r)).toEqual(r);
    expect(r).toMatchObject({ status: 'no_tool', tool: null, result: null, locale: 'fil', degraded: false });
    expect(r.safety).toMatchObject({ category: 'self_harm', severity: 'high', crisis: true });
    expect(r.safety?.hotlines[0]).toMatchObject({
      name: 'NCMH Crisis Hotline',
      numbers: expect.arrayContaining(['1553']),
    });
    expect(r.reply).toMatch(/Salamat at sinabi mo/);
    expect(r.reply).toContain('0917-899-8727');
    expect(r.trace.map((t) => t.step)).toEqual(['language', 'safety']);
    expect(calls).toEqual([]);
    expect(events).toEqual([
      { type: 'plan', planner: 'embedded', status: 'no_tool', tool: null, parameters: {} },
      { type: 'text-delta', delta: r.reply },
    ]);
  });

  it('answers in English to an English message', async () => {
    const r = await createTutor().orchestrate({ user_info: user, message: 'I feel like ending it all' });
    expect(r.locale).toBe('en');
    expect(r.reply).toMatch(/glad you told me/);
  });

  it('is not swallowed by a pending clarification', async () => {
    const tutor = createTutor();
    const asked = await tutor.orchestrate({ user_info: user, message: 'make flashcards' });
    expect(asked.status).toBe('needs_clarification');
    const r = await tutor.orchestrate({
      user_info: user,
      chat_history: [
        { role: 'user', content: 'make flashcards' },
        { role: 'assistant', content: asked.reply },
      ],
      message: 'gusto ko nang mamatay',
    });
    expect(r).toMatchObject({ status: 'no_tool', tool: null, clarification: null, parameters: {} });
    expect(r.safety?.crisis).toBe(true);
  });

  it('reports abuse with Bantay Bata first', async () => {
    const r = await createTutor().orchestrate({ user_info: user, message: 'binubugbog ako ng tatay ko' });
    expect(r.status).toBe('no_tool');
    expect(r.safety).toMatchObject({ category: 'abuse', crisis: true });
    expect(r.safety?.hotlines[0]?.name).toBe('Bantay Bata');
  });

  it('keeps tutoring after a low-severity flag, and reports it', async () => {
    const r = await createTutor().orchestrate({
      user_info: user,
      message: 'you are so stupid, explain photosynthesis',
    });
    expect(r.safety).toMatchObject({ category: 'bullying', severity: 'low', crisis: false, hotlines: [] });
    expect(r.status).toBe('completed');
  });

  it('has a null safety field for ordinary messages and false friends', async () => {
    const { llm, calls } = watchedLlm();
    const tutor = createTutor({ llm });
    for (const message of [
      'namatay ang lola ko kahapon, malungkot ako',
      'na-kill ako sa ML',
      'how did Rizal die?',
    ]) {
      const r = await tutor.orchestrate({ user_info: user, message });
      expect(r.safety, message).toBeNull();
    }
    expect(calls).toHaveLength(3);
  });
});

describe('aralin orchestrate', { timeout: 180_000 }, () => {
  it('prints the safety field and the hotline reply for a crisis', () => {
    const cli = fileURLToPath(new URL('../../bin/aralin.js', import.meta.url));
    const r = spawnSync(process.execPath, [cli, 'orchestrate'], {
      input: JSON.stringify({ user_info: user, message: 'gusto ko nang mamatay' }),
      encoding: 'utf8',
      env: { ...process.env, ARALIN_LLM_PROVIDER: '' },
    });
    expect(r.status).toBe(0);
    const response = JSON.parse(r.stdout);
    expect(response).toMatchObject({
      status: 'no_tool',
      tool: null,
      safety: { category: 'self_harm', crisis: true },
    });
    expect(response.reply).toContain('1553');
  });
});
