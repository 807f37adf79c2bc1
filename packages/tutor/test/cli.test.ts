import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../bin/aralin.js', import.meta.url));
const run = (args: string[], input = '') =>
  spawnSync(process.execPath, [cli, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, ARALIN_LLM_PROVIDER: '' },
  });
const request = (message: string) => JSON.stringify({ user_info: { user_id: 's1', name: 'Ana' }, message });

describe('aralin CLI', { timeout: 180_000 }, () => {
  it('orchestrate: one request on stdin, the response on stdout', () => {
    const r = run(['orchestrate'], request('quiz me on fractions'));
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'completed', tool: 'quiz_generator' });
  });
  it('orchestrate --jsonl: one response per line, errors in place', () => {
    const r = run(['orchestrate', '--jsonl'], `${request('hi')}\n{broken\n${request('solve 2x + 3 = 7')}\n`);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out.map((o) => o.status)).toEqual(['no_tool', 'error', 'completed']);
    expect(r.stderr).toMatch(/line 2: invalid JSON/);
    expect(r.status).toBe(1);
  });
  it('rejects bad input with a clear message, a non-zero exit and no stack trace', () => {
    for (const input of ['not json', JSON.stringify({ message: 5 }), request('x'.repeat(1_000_001))]) {
      const r = run(['orchestrate'], input);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^aralin: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
  it('solve: prints the steps and the canonical answer', () => {
    const r = run(['solve', 'Solve 24*w - 7661 + 8045 = 0 for w.']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('-16');
  });
  it('solve --jsonl: answers each {"question"} line', () => {
    const r = run(['solve', '--jsonl'], '{"question":"What is 7 times 8?"}\n{"q":1}\n');
    const [ok, bad] = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(ok.answer).toBe('56');
    expect(bad.error).toMatch(/expected \{"question"/);
  });
  it('unknown commands are usage errors', () => {
    const r = run(['teleport']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command/);
  });
});
