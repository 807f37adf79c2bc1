import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectedLine } from '../src/cards/quizAnswers.ts';
import { isProse, levelText, subjectName, writtenAnswer } from '../src/cards/util.ts';
import { followUps } from '../src/chat/followups.ts';
import { createMarkdown, mathExtension } from '../src/chat/markdown.ts';
import { hasMath, messageText, toUIMessages } from '../src/lib/convert.ts';
import { belongsTo, type KeyValueStore, Outbox } from '../src/lib/queue.ts';
import type { AralinMessage, StoredMessage } from '../src/lib/types.ts';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const en = JSON.parse(readFileSync(path.join(SRC, 'locales/en.json'), 'utf8'));
const fil = JSON.parse(readFileSync(path.join(SRC, 'locales/fil.json'), 'utf8'));

function keys(o: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

describe('translations', () => {
  it('en and fil have exactly the same keys, all non-empty', () => {
    expect(keys(fil).sort()).toEqual(keys(en).sort());
    const lookup = (k: string) =>
      k
        .split('.')
        .reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], fil as Record<string, unknown>);
    for (const k of keys(fil)) expect(lookup(k), k).not.toBe('');
  });

  it('every literal t() key used in the source exists in en.json', () => {
    const known = new Set(keys(en).map((k) => k.replace(/_(one|other)$/, '')));
    const used = new Set<string>();
    for (const f of files(SRC)) {
      for (const m of readFileSync(f, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g))
        used.add(m[1] as string);
    }
    expect(used.size).toBeGreaterThan(100);
    const missing = [...used].filter((k) => !known.has(k));
    expect(missing).toEqual([]);
  });
});

describe('stored messages → UI messages', () => {
  const stored: StoredMessage[] = [
    {
      id: 'u1',
      role: 'user',
      content: 'Quiz me',
      status: 'completed',
      tool: null,
      parameters: null,
      result: null,
      planner: null,
      created_at: '2026-01-01T00:00:00Z',
    },
    {
      id: 'a1',
      role: 'assistant',
      content: 'Here is a quiz.',
      status: 'completed',
      tool: 'quiz_generator',
      parameters: { topic: 'fractions' },
      result: { questions: [] },
      planner: 'embedded',
      created_at: '2026-01-01T00:00:01Z',
      quiz_id: 'q-1',
    },
  ];

  it('shows only the text after the last reset (a withdrawn, broken-off reply is not shown twice)', () => {
    const m: AralinMessage = {
      id: 'a1',
      role: 'assistant',
      parts: [
        { type: 'text', text: 'Photosynthesis is how pla' },
        { type: 'data-text-reset', data: { reason: 'reply-interrupted' } },
        { type: 'text', text: 'Photosynthesis is how plants make food.' },
      ],
    };
    expect(messageText(m)).toBe('Photosynthesis is how plants make food.');
    expect(messageText({ ...m, parts: m.parts.slice(0, 1) })).toBe('Photosynthesis is how pla');
  });

  it('keeps text, plan and tool result (with the quiz id) so a reloaded chat renders its cards', () => {
    const [u, a] = toUIMessages(stored);
    expect(u && messageText(u)).toBe('Quiz me');
    expect(a?.parts.map((p) => p.type)).toEqual(['data-plan', 'data-tool-result', 'text']);
    const result = a?.parts.find((p) => p.type === 'data-tool-result');
    expect(result && 'data' in result && result.data).toMatchObject({
      tool: 'quiz_generator',
      quiz_id: 'q-1',
    });
  });

  it('detects TeX math only when present', () => {
    expect(hasMath('Solve $x^2 = 4$')).toBe(true);
    expect(hasMath('$$\\frac{1}{2}$$')).toBe(true);
    expect(hasMath('It costs 5 pesos, not $5')).toBe(false);
  });
});

describe('math card', () => {
  it('shows an exercise written as a sentence as text, and an expression as math', () => {
    for (const prose of [
      'Paano i-solve ang 3x - 5 = 10?',
      'Solve 2x + 3 = 7',
      'LCM of 4 and 6',
      'Ilang cm sa 2.5 m?',
    ])
      expect(isProse(prose), prose).toBe(true);
    for (const expr of [
      '3x - 5 = 10',
      'x^2 - 5x + 6 = 0',
      'sqrt(16) + sin(x)',
      '\\frac{3}{4} + \\frac{1}{6}',
      'f(x) = 2x',
    ])
      expect(isProse(expr), expr).toBe(false);
  });
});

describe('math card answer', () => {
  it('shows the answer as the student writes it: the variable of a root, the unit of a story', () => {
    expect(writtenAnswer({ answer: '5', written: 'x = 5' })).toBe('x = 5');
    expect(writtenAnswer({ answer: '54', written: '₱54', unit: '₱54' })).toBe('₱54');
    expect(writtenAnswer({ answer: '3/4', written: null })).toBe('3/4');
    expect(writtenAnswer({ answer: null, written: null, hint: 'Next step' })).toBeNull();
  });
});

describe('offline outbox', () => {
  const memory = (): KeyValueStore => {
    const m = new Map<string, string>();
    return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v) };
  };

  it('persists queued messages with their idempotency keys across instances', () => {
    const store = memory();
    let n = 0;
    const a = new Outbox(store);
    const item = a.add('c1', 'hello', () => `id-${++n}`);
    a.add('c2', 'other', () => `id-${++n}`);
    const b = new Outbox(store);
    expect(b.forConversation('c1')).toEqual([item]);
    expect(item.idempotencyKey).not.toBe(item.id);
    b.remove(item.id);
    expect(new Outbox(store).all().map((m) => m.text)).toEqual(['other']);
  });

  it("keeps each message's author, so another student signed in on the same computer never sends it", () => {
    const store = memory();
    let n = 0;
    const o = new Outbox(store);
    const ana = o.add('c1', 'tanong ni Ana', () => `id-${++n}`, 'u-ana');
    const legacy = o.add('c2', 'from before authors were kept', () => `id-${++n}`);
    const kept = new Outbox(store).all();
    expect(kept.find((m) => m.id === ana.id)?.userId).toBe('u-ana');
    expect(kept.filter((m) => belongsTo(m, 'u-ben')).map((m) => m.text)).toEqual([legacy.text]);
    expect(kept.filter((m) => belongsTo(m, 'u-ana'))).toHaveLength(2);
    store.setItem('aralin.outbox', JSON.stringify([{ ...ana, userId: 42 }]));
    expect(new Outbox(store).all()).toEqual([]);
  });

  it('ignores corrupt storage and notifies subscribers', () => {
    const store = memory();
    store.setItem('aralin.outbox', '{not json');
    const o = new Outbox(store);
    expect(o.all()).toEqual([]);
    let calls = 0;
    o.subscribe(() => calls++);
    o.add('c', 't', () => 'x');
    expect(calls).toBe(1);
  });
});

describe('markdown pipeline (before DOMPurify)', () => {
  const render = createMarkdown();
  const tex: string[] = [];
  const withMath = createMarkdown(
    mathExtension((t, display) => {
      tex.push(`${display ? 'block' : 'inline'}:${t}`);
      return `<span class="tex">${t}</span>`;
    }),
  );

  it('renders GFM markdown', () => {
    expect(render('**Tama!** See [DepEd](https://deped.gov.ph)\n\n- a\n- b')).toBe(
      '<p><strong>Tama!</strong> See <a href="https://deped.gov.ph">DepEd</a></p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n',
    );
  });

  it('drops raw HTML, block and inline, and escapes HTML-looking text', () => {
    const html = render('<script>alert(1)</script>\n\nHi <img src=x onerror="alert(1)"> there, 2 < 3');
    expect(html).not.toMatch(/<script|<img|onerror/);
    expect(html).toBe('<p>Hi  there, 2 &lt; 3</p>\n');
  });

  it('typesets $…$ and $$…$$ with the given TeX renderer, and leaves prices alone', () => {
    tex.length = 0;
    const html = withMath('If $x^2 = 4$ then\n\n$$x = \\pm 2$$\n\nIt costs $5, not $10.');
    expect(tex).toEqual(['inline:x^2 = 4', 'block:x = \\pm 2']);
    expect(html).toContain('<span class="tex">x^2 = 4</span>');
    expect(html).toContain('It costs $5, not $10.');
  });
});

describe('levels and subjects in the app language', () => {
  /** A `t` over one locale file, with {{name}} interpolation, that returns the key when it is missing. */
  const translator =
    (messages: Record<string, unknown>) =>
    (key: string, options: Record<string, unknown> = {}) => {
      const found = key
        .split('.')
        .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], messages);
      return typeof found === 'string' ? found.replace(/\{\{(\w+)\}\}/g, (_, n) => String(options[n])) : key;
    };

  it('words every level 1–10 in English and Filipino, from the level alone', () => {
    expect(levelText({ level: 4 }, translator(en))).toBe('Level 4 — developing');
    expect(levelText({ level: 4 }, translator(fil))).toBe('Antas 4 — umuunlad');
    for (let level = 1; level <= 10; level++)
      for (const messages of [en, fil])
        expect(levelText({ level }, translator(messages))).not.toMatch(/levels\./);
    expect(levelText({ level: 99 }, translator(fil))).toBe('Antas 10 — dalubhasa na');
  });

  it('words the right answer of a quiz by its form: a word in a sentence, a sentence after a colon', () => {
    expect(expectedLine('7', translator(en))).toBe('The answer is 7.');
    expect(expectedLine('Nitrogen', translator(fil))).toBe('Ang sagot ay Nitrogen.');
    expect(expectedLine('The whole is divided into 7 equal parts.', translator(en))).toBe(
      'The right answer: The whole is divided into 7 equal parts.',
    );
    expect(expectedLine('Hinahati ang buo sa 7 magkakapantay na bahagi', translator(fil))).toBe(
      'Ang tamang sagot: Hinahati ang buo sa 7 magkakapantay na bahagi.',
    );
  });

  it("suggests follow-ups on the result's own pack topic, not the student's words", () => {
    const message = (params: Record<string, unknown>, result: Record<string, unknown>) =>
      ({
        id: 'm',
        role: 'assistant',
        parts: [
          { type: 'data-plan', data: { tool: 'concept_explainer', parameters: params } },
          { type: 'data-tool-result', data: { tool: 'concept_explainer', result } },
        ],
      }) as unknown as AralinMessage;
    const t = translator(en) as unknown as Parameters<typeof followUps>[1];
    const asked = { concept_to_explain: 'difference ng mitosis at meiosis', current_topic: 'cells' };
    const grounded = {
      topic: 'Mitosis and Meiosis',
      grounding: { topic_id: 'sci-cell-division', closest: [] },
    };
    expect(followUps(message(asked, grounded), t)).toContain('Make flashcards on Mitosis and Meiosis');
    const none = { topic: null, grounding: { topic_id: null, closest: [] } };
    expect(followUps(message(asked, none), t)).toContain(
      'Make flashcards on difference ng mitosis at meiosis',
    );
  });

  it("names the pack's subjects in Filipino, and an unknown subject as it came", () => {
    expect(subjectName('Science', translator(fil))).toBe('Agham');
    expect(subjectName('Mathematics', translator(fil))).toBe('Matematika');
    for (const subject of ['Mathematics', 'Science', 'English', 'Filipino', 'Araling Panlipunan'])
      expect(subjectName(subject, translator(en))).not.toMatch(/subjects\./);
    expect(subjectName('Music', translator(fil))).toBe('Music');
  });
});
