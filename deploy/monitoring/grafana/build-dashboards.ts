// Builds the Grafana dashboards in ./dashboards from the definitions below, so that the committed JSON
// stays consistent (ids, grid positions, datasource uid). Run after editing:
//   npm exec -- node deploy/monitoring/grafana/build-dashboards.ts
// deploy/test/monitoring.test.ts fails when the committed JSON differs from what this produces.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

type Unit = 'short' | 'reqps' | 's' | 'percentunit' | 'bytes' | 'ops' | 'none';

export interface PanelSpec {
  title: string;
  description: string;
  type?: 'timeseries' | 'stat' | 'bargauge';
  unit?: Unit;
  width?: number;
  targets: Array<{ expr: string; legend: string }>;
}

export interface DashboardSpec {
  uid: string;
  title: string;
  description: string;
  tags: string[];
  rows: Array<{ title: string; panels: PanelSpec[] }>;
}

const DATASOURCE = { type: 'prometheus', uid: 'prometheus' } as const;
/** Every query is scoped to the chosen environment (staging, production) and job. */
const JOB = 'environment=~"$environment", job=~"$job"';

export const dashboards: DashboardSpec[] = [
  {
    uid: 'aralin-overview',
    title: 'Aralin / Service overview',
    description: 'Rate, errors and duration of the HTTP API and chat turns; readiness and saturation.',
    tags: ['aralin', 'red'],
    rows: [
      {
        title: 'Requests (RED)',
        panels: [
          {
            title: 'Request rate by route',
            description: 'HTTP requests per second, by route pattern.',
            unit: 'reqps',
            targets: [
              {
                expr: `sum by (route) (rate(http_requests_total{${JOB}}[$__rate_interval]))`,
                legend: '{{route}}',
              },
            ],
          },
          {
            title: '5xx error ratio',
            description: 'Share of requests answered with a 5xx status. AralinHighErrorRatio fires above 5%.',
            unit: 'percentunit',
            targets: [
              {
                expr: `environment_job:http_requests_errors:ratio_rate5m{${JOB}}`,
                legend: '{{environment}}',
              },
            ],
          },
          {
            title: 'Latency p95 by route',
            description: '95th percentile request duration by route pattern (5-minute window).',
            unit: 's',
            targets: [
              {
                expr: `environment_job_route:http_request_duration_seconds:p95_5m{${JOB}}`,
                legend: '{{route}}',
              },
            ],
          },
          {
            title: 'Responses by status code',
            description: 'Requests per second by HTTP status code.',
            unit: 'reqps',
            targets: [
              {
                expr: `sum by (status_code) (rate(http_requests_total{${JOB}}[$__rate_interval]))`,
                legend: '{{status_code}}',
              },
            ],
          },
        ],
      },
      {
        title: 'Chat-turn SLO',
        panels: [
          {
            title: 'Chat turns by outcome',
            description:
              'Chat turns per second by outcome (completed, needs_clarification, no_tool, error, moderated).',
            unit: 'ops',
            targets: [
              {
                expr: `sum by (outcome) (rate(aralin_chat_turns_total{${JOB}}[$__rate_interval]))`,
                legend: '{{outcome}}',
              },
            ],
          },
          {
            title: 'Failed turns (1h) vs SLO budget',
            description: 'Share of chat turns ending in error over 1 hour. The SLO allows 0.5%.',
            type: 'stat',
            unit: 'percentunit',
            targets: [
              {
                expr: `environment_job:aralin_chat_turns_errors:ratio_rate1h{${JOB}}`,
                legend: '{{environment}}',
              },
            ],
          },
          {
            title: 'First text later than 2 s (1h)',
            description:
              'Share of chat turns whose first text reached the student after more than 2 seconds, over 1 hour. The SLO allows 1%.',
            type: 'stat',
            unit: 'percentunit',
            targets: [
              {
                expr: `environment_job:aralin_chat_first_token_slow:ratio_rate1h{${JOB}}`,
                legend: '{{environment}}',
              },
            ],
          },
          {
            title: 'Time to first text p95',
            description: '95th percentile time from a student message to the first text of the reply.',
            unit: 's',
            targets: [
              {
                expr: `environment_job:aralin_chat_time_to_first_token_seconds:p95_5m{${JOB}}`,
                legend: '{{environment}}',
              },
            ],
          },
          {
            title: 'Chat turn latency p95',
            description: '95th percentile chat turn duration, all outcomes.',
            unit: 's',
            targets: [
              {
                expr: `environment_job:aralin_chat_turn_duration_seconds:p95_5m{${JOB}}`,
                legend: '{{environment}}',
              },
            ],
          },
        ],
      },
      {
        title: 'Instances and saturation',
        panels: [
          {
            title: 'Ready instances',
            description: 'Instances reporting ready (aralin_ready = 1) versus scraped instances.',
            type: 'stat',
            unit: 'short',
            targets: [
              { expr: `sum(aralin_ready{${JOB}})`, legend: 'ready' },
              { expr: `count(up{${JOB}} == 1)`, legend: 'up' },
            ],
          },
          {
            title: 'CPU per instance',
            description: 'CPU seconds per second; Node runs JavaScript on one core, so 1.0 is saturated.',
            unit: 'percentunit',
            targets: [
              { expr: `rate(process_cpu_seconds_total{${JOB}}[$__rate_interval])`, legend: '{{instance}}' },
            ],
          },
          {
            title: 'Resident memory per instance',
            description: 'Resident set size. AralinHighMemory fires above 80% of the 1 GiB limit.',
            unit: 'bytes',
            targets: [{ expr: `process_resident_memory_bytes{${JOB}}`, legend: '{{instance}}' }],
          },
          {
            title: 'Event loop lag',
            description:
              'How late the event loop runs callbacks. Above 200 ms everything on the instance is slow.',
            unit: 's',
            targets: [{ expr: `nodejs_eventloop_lag_seconds{${JOB}}`, legend: '{{instance}}' }],
          },
          {
            title: 'Open chat streams',
            description: 'Server-sent-event streams open per instance; the HPA targets 50 per pod.',
            unit: 'short',
            targets: [{ expr: `aralin_sse_streams_active{${JOB}}`, legend: '{{instance}}' }],
          },
          {
            title: 'Turns refused (overloaded)',
            description:
              'Chat turns refused with 503 overloaded per second because the instance already runs MAX_ACTIVE_TURNS turns.',
            unit: 'reqps',
            targets: [
              {
                expr: `sum by (instance) (rate(aralin_requests_shed_total{${JOB}}[5m]))`,
                legend: '{{instance}}',
              },
            ],
          },
          {
            title: 'Database pool',
            description: 'PostgreSQL pool connections: total, idle, and queries waiting for one.',
            unit: 'short',
            targets: [
              {
                expr: `sum by (state) (aralin_db_pool_connections{${JOB}})`,
                legend: '{{state}}',
              },
            ],
          },
          {
            title: 'Database query p95 by operation',
            description: '95th percentile query duration by operation.',
            unit: 's',
            targets: [
              {
                expr: `histogram_quantile(0.95, sum by (operation, le) (rate(aralin_db_query_duration_seconds_bucket{${JOB}}[$__rate_interval])))`,
                legend: '{{operation}}',
              },
            ],
          },
          {
            title: 'Rate-limit backend',
            description: 'Instances keeping rate limits in Redis (shared) or in memory (per instance).',
            unit: 'short',
            targets: [
              { expr: `sum by (backend) (aralin_rate_limit_backend{${JOB}})`, legend: '{{backend}}' },
            ],
          },
        ],
      },
    ],
  },
  {
    uid: 'aralin-tutor',
    title: 'Aralin / Tutor',
    description:
      'What the orchestrator decides, which planner decided, how sure it was, and the LLM behind it.',
    tags: ['aralin', 'tutor'],
    rows: [
      {
        title: 'Orchestrator',
        panels: [
          {
            title: 'Tool decisions',
            description: 'Orchestrator decisions per second by tool ("none" when no tool fits).',
            unit: 'ops',
            targets: [
              {
                expr: `sum by (tool) (rate(aralin_orchestrator_decisions_total{${JOB}}[$__rate_interval]))`,
                legend: '{{tool}}',
              },
            ],
          },
          {
            title: 'Decisions by planner',
            description: 'Which planner made the decision: the embedded engine or the LLM.',
            unit: 'ops',
            targets: [
              {
                expr: `sum by (planner) (rate(aralin_orchestrator_decisions_total{${JOB}}[$__rate_interval]))`,
                legend: '{{planner}}',
              },
            ],
          },
          {
            title: 'Decisions by status',
            description: 'Decision status: a tool ran, the tutor asked for clarification, or no tool fitted.',
            unit: 'ops',
            targets: [
              {
                expr: `sum by (status) (rate(aralin_orchestrator_decisions_total{${JOB}}[$__rate_interval]))`,
                legend: '{{status}}',
              },
            ],
          },
          {
            title: 'Median planner confidence',
            description: 'Median confidence of the planner in its chosen tool and parameters.',
            unit: 'percentunit',
            targets: [
              {
                expr: `histogram_quantile(0.5, sum by (planner, le) (rate(aralin_orchestrator_confidence_bucket{${JOB}}[$__rate_interval])))`,
                legend: '{{planner}}',
              },
            ],
          },
          {
            title: 'Degraded turns',
            description:
              'Share of chat turns served by the embedded engine because the LLM failed (degraded="true").',
            unit: 'percentunit',
            targets: [
              {
                expr: `sum(rate(aralin_chat_turns_total{${JOB}, degraded="true"}[$__rate_interval])) / sum(rate(aralin_chat_turns_total{${JOB}}[$__rate_interval]))`,
                legend: 'degraded',
              },
            ],
          },
        ],
      },
      {
        title: 'LLM provider',
        panels: [
          {
            title: 'LLM request latency p95',
            description: '95th percentile LLM request duration by provider.',
            unit: 's',
            targets: [
              {
                expr: `histogram_quantile(0.95, sum by (provider, le) (rate(aralin_llm_request_duration_seconds_bucket{${JOB}}[$__rate_interval])))`,
                legend: '{{provider}}',
              },
            ],
          },
          {
            title: 'LLM error ratio',
            description:
              'Share of LLM requests failing, by provider. AralinLLMProviderFailing fires above 25%.',
            unit: 'percentunit',
            targets: [
              {
                expr: `environment_job_provider:aralin_llm_errors:ratio_rate5m{${JOB}}`,
                legend: '{{provider}}',
              },
            ],
          },
          {
            title: 'LLM errors by reason',
            description:
              'LLM errors per second by provider and reason (timeout, rate limit, 5xx, invalid output, ...).',
            unit: 'ops',
            targets: [
              {
                expr: `sum by (provider, reason) (rate(aralin_llm_errors_total{${JOB}}[$__rate_interval]))`,
                legend: '{{provider}} {{reason}}',
              },
            ],
          },
          {
            title: 'Tokens per second',
            description: 'LLM tokens per second by provider and kind (input, output).',
            unit: 'short',
            targets: [
              {
                expr: `sum by (provider, kind) (rate(aralin_llm_tokens_total{${JOB}}[$__rate_interval]))`,
                legend: '{{provider}} {{kind}}',
              },
            ],
          },
          {
            title: 'Generated tool results',
            description:
              'Tool results a model was asked to write, per second, by outcome: generated (checked and used), fallback (the embedded engine answered), budget (the student spent the day).',
            unit: 'ops',
            targets: [
              {
                expr: `sum by (tool, outcome) (rate(aralin_generation_total{${JOB}}[$__rate_interval]))`,
                legend: '{{tool}} {{outcome}}',
              },
            ],
          },
          {
            title: 'Failed checks of generated results',
            description:
              'Checks a generated result failed per second, by tool and check (docs/orchestrator.md).',
            unit: 'ops',
            targets: [
              {
                expr: `sum by (tool, check) (rate(aralin_generation_checks_failed_total{${JOB}}[$__rate_interval]))`,
                legend: '{{tool}} {{check}}',
              },
            ],
          },
          {
            title: 'Generation tokens per turn p95',
            description: '95th percentile of the tokens one turn used generating a tool result, by tool.',
            unit: 'short',
            targets: [
              {
                expr: `histogram_quantile(0.95, sum by (tool, le) (rate(aralin_generation_turn_tokens_bucket{${JOB}}[$__rate_interval])))`,
                legend: '{{tool}}',
              },
            ],
          },
          {
            title: 'Circuit state',
            description:
              'Circuit breaker state per provider: 0 closed, 1 half-open, 2 open (worst instance).',
            type: 'stat',
            unit: 'none',
            targets: [
              { expr: `max by (provider) (aralin_llm_circuit_state{${JOB}})`, legend: '{{provider}}' },
            ],
          },
        ],
      },
    ],
  },
  {
    uid: 'aralin-learning',
    title: 'Aralin / Learning',
    description: 'What students practise and learn: mastery transitions, quiz answers and flashcard reviews.',
    tags: ['aralin', 'learning'],
    rows: [
      {
        title: 'Mastery',
        panels: [
          {
            title: 'Mastery transitions by subject',
            description: 'Topic mastery changes per hour by subject and direction (up, down, mastered).',
            unit: 'short',
            targets: [
              {
                expr: `sum by (subject, direction) (increase(aralin_mastery_transitions_total{${JOB}, subject=~"$subject", grade=~"$grade"}[1h]))`,
                legend: '{{subject}} {{direction}}',
              },
            ],
          },
          {
            title: 'Topics mastered by grade (24h)',
            description: 'Topics that reached mastery in the last 24 hours, by grade.',
            type: 'bargauge',
            unit: 'short',
            targets: [
              {
                expr: `sum by (grade) (increase(aralin_mastery_transitions_total{${JOB}, direction="mastered", subject=~"$subject", grade=~"$grade"}[24h]))`,
                legend: 'Grade {{grade}}',
              },
            ],
          },
        ],
      },
      {
        title: 'Quizzes',
        panels: [
          {
            title: 'Quiz answers by subject',
            description: 'Quiz answers per hour by subject.',
            unit: 'short',
            targets: [
              {
                expr: `sum by (subject) (increase(aralin_quiz_answers_total{${JOB}, subject=~"$subject", grade=~"$grade"}[1h]))`,
                legend: '{{subject}}',
              },
            ],
          },
          {
            title: 'Quiz accuracy by subject and grade',
            description: 'Share of correct quiz answers over the last 24 hours, by subject and grade.',
            type: 'bargauge',
            unit: 'percentunit',
            targets: [
              {
                expr: `sum by (subject, grade) (increase(aralin_quiz_answers_total{${JOB}, correct="true", subject=~"$subject", grade=~"$grade"}[24h])) / sum by (subject, grade) (increase(aralin_quiz_answers_total{${JOB}, subject=~"$subject", grade=~"$grade"}[24h]))`,
                legend: '{{subject}} grade {{grade}}',
              },
            ],
          },
        ],
      },
      {
        title: 'Flashcards',
        panels: [
          {
            title: 'Flashcard reviews by rating',
            description: 'Flashcard reviews per hour by rating (again, hard, good, easy).',
            unit: 'short',
            targets: [
              {
                expr: `sum by (rating) (increase(aralin_flashcard_reviews_total{${JOB}, subject=~"$subject", grade=~"$grade"}[1h]))`,
                legend: '{{rating}}',
              },
            ],
          },
          {
            title: 'Flashcard reviews by subject and grade (24h)',
            description: 'Flashcard reviews in the last 24 hours by subject and grade.',
            type: 'bargauge',
            unit: 'short',
            targets: [
              {
                expr: `sum by (subject, grade) (increase(aralin_flashcard_reviews_total{${JOB}, subject=~"$subject", grade=~"$grade"}[24h]))`,
                legend: '{{subject}} grade {{grade}}',
              },
            ],
          },
        ],
      },
    ],
  },
  {
    uid: 'aralin-safety',
    title: 'Aralin / Safety',
    description:
      'Moderation flags raised on student messages. High-severity flags page the safeguarding rota.',
    tags: ['aralin', 'safety'],
    rows: [
      {
        title: 'Flags',
        panels: [
          {
            title: 'Open flags waiting for a teacher',
            description:
              'Flags no teacher has resolved yet, by severity (counted in the database). AralinHighSeveritySafetyFlag pages while a high one is open.',
            type: 'stat',
            unit: 'short',
            targets: [
              {
                expr: `max by (severity) (aralin_safety_flags_open{${JOB}})`,
                legend: '{{severity}}',
              },
            ],
          },
          {
            title: 'High-severity flags (24h)',
            description:
              'High-severity moderation flags in the last 24 hours. Each one must be reviewed by a teacher.',
            type: 'stat',
            unit: 'short',
            targets: [
              {
                expr: `sum(increase(aralin_safety_flags_total{${JOB}, severity="high"}[24h]))`,
                legend: 'high',
              },
            ],
          },
          {
            title: 'Flags by category',
            description: 'Moderation flags per hour by category.',
            unit: 'short',
            targets: [
              {
                expr: `sum by (category) (increase(aralin_safety_flags_total{${JOB}}[1h]))`,
                legend: '{{category}}',
              },
            ],
          },
          {
            title: 'Flags by severity',
            description: 'Moderation flags per hour by severity.',
            unit: 'short',
            targets: [
              {
                expr: `sum by (severity) (increase(aralin_safety_flags_total{${JOB}}[1h]))`,
                legend: '{{severity}}',
              },
            ],
          },
          {
            title: 'Moderated turns',
            description: 'Chat turns answered by moderation instead of the tutor, per hour.',
            unit: 'short',
            targets: [
              {
                expr: `sum(increase(aralin_chat_turns_total{${JOB}, outcome="moderated"}[1h]))`,
                legend: 'moderated',
              },
            ],
          },
          {
            title: 'Firing safety alerts',
            description: 'Safety alerts currently firing in Prometheus.',
            type: 'stat',
            unit: 'short',
            targets: [
              {
                expr: 'count(ALERTS{alertname="AralinHighSeveritySafetyFlag", alertstate="firing"}) or vector(0)',
                legend: 'firing',
              },
            ],
          },
        ],
      },
    ],
  },
];

function variable(name: string, label: string, query: string) {
  return {
    name,
    label,
    type: 'query',
    datasource: DATASOURCE,
    query: { query, refId: `${name}-var` },
    definition: query,
    refresh: 2,
    includeAll: true,
    multi: true,
    allValue: '.*',
    current: { selected: true, text: ['All'], value: ['$__all'] },
    sort: 1,
  };
}

function panelJson(spec: PanelSpec, id: number, x: number, y: number, w: number) {
  const type = spec.type ?? 'timeseries';
  return {
    id,
    type,
    title: spec.title,
    description: spec.description,
    datasource: DATASOURCE,
    gridPos: { h: 8, w, x, y },
    fieldConfig: {
      defaults: {
        unit: spec.unit ?? 'short',
        ...(type === 'timeseries' ? { custom: { fillOpacity: 10 } } : {}),
      },
      overrides: [],
    },
    options:
      type === 'timeseries'
        ? {
            legend: { displayMode: 'list', placement: 'bottom', showLegend: true },
            tooltip: { mode: 'multi' },
          }
        : { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false } },
    targets: spec.targets.map((t, i) => ({
      datasource: DATASOURCE,
      expr: t.expr,
      legendFormat: t.legend,
      refId: String.fromCharCode(65 + i),
    })),
  };
}

export function renderDashboard(spec: DashboardSpec): Record<string, unknown> {
  const panels: unknown[] = [];
  let id = 1;
  let y = 0;
  for (const row of spec.rows) {
    panels.push({
      id: id++,
      type: 'row',
      title: row.title,
      collapsed: false,
      gridPos: { h: 1, w: 24, x: 0, y },
    });
    y += 1;
    let x = 0;
    for (const p of row.panels) {
      const w = p.width ?? 12;
      if (x + w > 24) {
        x = 0;
        y += 8;
      }
      panels.push(panelJson(p, id++, x, y, w));
      x += w;
    }
    y += 8;
  }
  const templating = [
    variable('environment', 'Environment', 'label_values(aralin_ready, environment)'),
    variable('job', 'Job', 'label_values(aralin_ready, job)'),
    ...(spec.uid === 'aralin-learning'
      ? [
          variable('subject', 'Subject', 'label_values(aralin_quiz_answers_total, subject)'),
          variable('grade', 'Grade', 'label_values(aralin_quiz_answers_total, grade)'),
        ]
      : []),
  ];
  return {
    uid: spec.uid,
    title: spec.title,
    description: spec.description,
    tags: spec.tags,
    editable: false,
    graphTooltip: 1,
    schemaVersion: 39,
    version: 1,
    refresh: '30s',
    time: { from: spec.uid === 'aralin-learning' ? 'now-7d' : 'now-6h', to: 'now' },
    timezone: 'browser',
    annotations: { list: [] },
    templating: { list: templating },
    panels,
  };
}

export function dashboardFiles(): Map<string, string> {
  return new Map(
    dashboards.map((d) => [`${d.uid}.json`, `${JSON.stringify(renderDashboard(d), null, 2)}\n`] as const),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = new URL('./dashboards/', import.meta.url);
  for (const [name, text] of dashboardFiles()) {
    writeFileSync(new URL(name, dir), text);
    console.log(`wrote deploy/monitoring/grafana/dashboards/${name}`);
  }
}
