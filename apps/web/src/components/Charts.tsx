import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { levelText, percent } from '../cards/util.ts';

/**
 * One topic's mastery as a list row: its name, a meter, the percentage and the level in the reader's language,
 * and whatever follows (the teacher's trend). The student's progress page and the teacher's page share it.
 */
export function MasteryRow({
  title,
  pKnown,
  level,
  children,
}: {
  title: string;
  pKnown: number;
  level: number | string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <li>
      <span className="topic-name">{title}</span>
      <span className="meter" aria-hidden="true">
        <span style={{ width: percent(pKnown), background: masteryColor(pKnown) }} />
      </span>
      <span className="topic-val">
        {percent(pKnown)} · {levelText({ level }, t)}
        {children}
      </span>
    </li>
  );
}

/** Colour for a mastery probability, from red (new) to green (mastered); all pass 4.5:1 with white text. */
export function masteryColor(p: number): string {
  if (p >= 0.85) return '#1b6e3a';
  if (p >= 0.6) return '#3d6b12';
  if (p >= 0.35) return '#8a4b00';
  return '#b3261e';
}

/**
 * Horizontal bar chart in SVG. The chart is one labelled image; the same numbers are in an adjacent list
 * for screen readers (and for anyone who prefers text).
 */
/** Average width of a label character at the chart's font size, in viewBox units. */
const CHAR_W = 7;

export function BarChart({
  label,
  data,
  tone = 'mastery',
}: {
  label: string;
  /** value in 0..1 sets the bar length; `text` (default: the value as a percentage) is printed after it. */
  data: Array<{ label: string; value: number; text?: string }>;
  /** `mastery` colours a bar by how well the topic is known; `count` draws every bar in one neutral colour. */
  tone?: 'mastery' | 'count';
}) {
  const rowH = 34;
  const width = 340;
  // Labels get the room they need, up to 60 % of the chart; only a longer one is cut.
  const longest = Math.max(...data.map((d) => d.label.length), 1);
  const labelW = Math.min(width * 0.6, Math.max(90, longest * CHAR_W + 12));
  const maxChars = Math.floor((labelW - 12) / CHAR_W);
  const barW = width - labelW - 50;
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${width} ${data.length * rowH + 4}`}
        role="img"
        aria-label={`${label}: ${data.map((d) => `${d.label} ${d.text ?? percent(d.value)}`).join(', ')}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        {data.map((d, i) => (
          <g key={d.label} transform={`translate(0 ${i * rowH + 4})`}>
            <text
              x={labelW - 8}
              y={rowH / 2}
              textAnchor="end"
              dominantBaseline="middle"
              className="chart-label"
            >
              {d.label.length > maxChars ? `${d.label.slice(0, maxChars - 1)}…` : d.label}
            </text>
            <rect x={labelW} y={6} width={barW} height={rowH - 14} rx={4} className="chart-track" />
            <rect
              x={labelW}
              y={6}
              width={Math.max(2, barW * Math.max(0, Math.min(1, d.value)))}
              height={rowH - 14}
              rx={4}
              fill={tone === 'count' ? 'var(--primary)' : masteryColor(d.value)}
            />
            <text x={labelW + barW + 6} y={rowH / 2} dominantBaseline="middle" className="chart-value">
              {d.text ?? percent(d.value)}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="sr-only">{label}</figcaption>
    </figure>
  );
}

/** A ring showing one proportion, e.g. overall mastery. */
export function Ring({ value, label }: { value: number; label: string }) {
  const r = 36;
  const c = 2 * Math.PI * r;
  const v = Math.max(0, Math.min(1, value));
  return (
    <svg viewBox="0 0 100 100" width="96" height="96" role="img" aria-label={`${label}: ${percent(v)}`}>
      <circle cx="50" cy="50" r={r} fill="none" className="ring-track" strokeWidth="12" />
      <circle
        cx="50"
        cy="50"
        r={r}
        fill="none"
        stroke={masteryColor(v)}
        strokeWidth="12"
        strokeDasharray={`${c * v} ${c}`}
        strokeLinecap="round"
        transform="rotate(-90 50 50)"
      />
      <text x="50" y="50" textAnchor="middle" dominantBaseline="central" className="ring-text">
        {percent(v)}
      </text>
    </svg>
  );
}
