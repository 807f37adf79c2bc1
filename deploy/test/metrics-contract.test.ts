// Every PromQL expression in the rules and dashboards names only metrics (and labels) of the metrics
// contract, deploy/monitoring/metrics.json, which matches apps/server/src/metrics.ts. (That it matches the
// live /metrics of the running server is checked in live-server.test.ts.)
import { parser } from '@prometheus-io/lezer-promql';
import { describe, expect, it } from 'vitest';
import {
  allRules,
  contractSeriesLabels,
  DASHBOARDS_DIR,
  listFiles,
  metricsContract,
  read,
  recordingRules,
  SERVER_METRICS,
  seriesOf,
} from './helpers.ts';

const contract = metricsContract();
const appMetrics = contract.metrics;
const seriesLabels = contractSeriesLabels();
const recorded = new Set(recordingRules().map((r) => r.record));

interface Usage {
  where: string;
  expr: string;
  metrics: Array<{ name: string; labels: string[] }>;
  grouping: string[];
  errors: string[];
}

/** Parses PromQL with Prometheus's own grammar (lezer-promql) and lists the selectors and labels. */
function analyse(where: string, expr: string): Usage {
  const usage: Usage = { where, expr, metrics: [], grouping: [], errors: [] };
  const tree = parser.parse(expr);
  const cursor = tree.cursor();
  do {
    const node = cursor.node;
    if (cursor.type.isError)
      usage.errors.push(`syntax error at ${cursor.from}: ${expr.slice(cursor.from, cursor.from + 20)}`);
    if (cursor.name === 'VectorSelector') {
      const id = node.getChild('Identifier');
      const labels: string[] = [];
      const matchers = node.getChild('LabelMatchers');
      if (matchers) {
        const c = matchers.cursor();
        do if (c.name === 'LabelName') labels.push(expr.slice(c.from, c.to));
        while (c.next() && c.from < matchers.to);
      }
      usage.metrics.push({ name: id ? expr.slice(id.from, id.to) : '', labels });
    }
    if (cursor.name === 'GroupingLabels') {
      const c = node.cursor();
      do if (c.name === 'LabelName') usage.grouping.push(expr.slice(c.from, c.to));
      while (c.next() && c.from < node.to);
    }
  } while (cursor.next());
  return usage;
}

function grafanaQueries(): Array<{ where: string; expr: string }> {
  const out: Array<{ where: string; expr: string }> = [];
  for (const file of listFiles(DASHBOARDS_DIR, '.json')) {
    const d = JSON.parse(read(file)) as {
      uid: string;
      panels: Array<{ title: string; targets?: Array<{ expr: string }> }>;
      templating: { list: Array<{ name: string; definition: string }> };
    };
    // Grafana's own variables become what Prometheus would receive.
    for (const p of d.panels)
      for (const t of p.targets ?? [])
        out.push({
          where: `${d.uid} / ${p.title}`,
          expr: t.expr.replaceAll('$__rate_interval', '5m').replaceAll('$__interval', '1m'),
        });
    for (const v of d.templating.list) {
      const m = /^label_values\((\w+),\s*(\w+)\)$/.exec(v.definition);
      expect(m, `${d.uid} variable ${v.name}: ${v.definition}`).not.toBeNull();
      out.push({ where: `${d.uid} variable ${v.name}`, expr: `count by (${m?.[2]}) (${m?.[1]})` });
    }
  }
  return out;
}

const queries = [
  ...allRules().map((r) => ({ where: 'record' in r ? r.record : r.alert, expr: r.expr })),
  ...grafanaQueries(),
].map((q) => analyse(q.where, q.expr));

describe('PromQL in rules and dashboards', () => {
  it('parses every expression', () => {
    expect(queries.length).toBeGreaterThan(50);
    expect(
      queries.filter((q) => q.errors.length > 0).map((q) => `${q.where}: ${q.errors.join('; ')}`),
    ).toEqual([]);
  });

  it('names only metrics of the contract or of our recording rules', () => {
    const unknown = queries.flatMap((q) =>
      q.metrics
        .filter((m) => !seriesLabels.has(m.name) && !recorded.has(m.name))
        .map((m) => `${q.where}: ${m.name || '(no metric name)'}`),
    );
    expect(unknown).toEqual([]);
  });

  it('matches only labels those metrics carry', () => {
    const bad = queries.flatMap((q) =>
      q.metrics.flatMap((m) => {
        const known = seriesLabels.get(m.name);
        if (!known) return []; // a recording rule: its labels are its expression's
        return m.labels.filter((l) => !known.has(l)).map((l) => `${q.where}: ${m.name}{${l}}`);
      }),
    );
    expect(bad).toEqual([]);
  });

  it('groups only by labels that exist', () => {
    const allLabels = new Set([...seriesLabels.values()].flatMap((s) => [...s]));
    const bad = queries.flatMap((q) =>
      q.grouping.filter((l) => !allLabels.has(l)).map((l) => `${q.where}: ${l}`),
    );
    expect(bad).toEqual([]);
  });

  it('uses every application metric of the contract somewhere', () => {
    const used = new Set(queries.flatMap((q) => q.metrics.map((m) => m.name)));
    const unused = appMetrics.filter((m) => !seriesOf(m).some((s) => used.has(s.name))).map((m) => m.name);
    expect(unused).toEqual([]);
  });

  it('would catch a misspelt metric (the check is not vacuous)', () => {
    const q = analyse('probe', 'sum(rate(aralin_chat_turn_total[5m]))');
    expect(q.metrics.map((m) => m.name)).toEqual(['aralin_chat_turn_total']);
    expect(seriesLabels.has('aralin_chat_turn_total')).toBe(false);
  });
});

describe('contract vs apps/server/src/metrics.ts', () => {
  it('declares exactly the contract metrics with the contract labels', async () => {
    const source = read(SERVER_METRICS);
    const declared = new Map<string, { type: string; labels: string[] }>();
    // new Histogram({ name: '...', ..., labelNames: ['a', 'b'] as const, ... })
    for (const m of source.matchAll(/new (Counter|Gauge|Histogram|Summary)\(\{([\s\S]*?)\}\)/g)) {
      const body = m[2] ?? '';
      const name = /name:\s*'([^']+)'/.exec(body)?.[1];
      const labels = /labelNames:\s*\[([^\]]*)\]/.exec(body)?.[1] ?? '';
      if (name)
        declared.set(name, {
          type: (m[1] ?? '').toLowerCase(),
          labels: [...labels.matchAll(/'([^']+)'/g)].map((l) => l[1] ?? '').sort(),
        });
    }
    expect(declared.size).toBeGreaterThan(10);
    const expected = new Map(appMetrics.map((m) => [m.name, { type: m.type, labels: [...m.labels].sort() }]));
    expect(Object.fromEntries(declared)).toEqual(Object.fromEntries(expected));
  });
});
