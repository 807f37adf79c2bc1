import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Markdown } from '../chat/Markdown.tsx';
import { asObjects, asString, isProse, writtenAnswer } from './util.ts';

function Expr({ value }: { value: string }) {
  if (!value) return null;
  // TeX (has a backslash or ^{...}) is typeset by KaTeX; plain expressions are shown as-is.
  if (/\\[a-zA-Z]|\^\{|_\{/.test(value)) return <Markdown>{`$$${value}$$`}</Markdown>;
  return <p className="expr">{value}</p>;
}

/** The exercise as the student wrote it: an expression as math, a sentence ("Paano i-solve ang …?") as text. */
function Problem({ value }: { value: string }) {
  if (isProse(value)) return <p className="math-problem">{value}</p>;
  return <Expr value={value} />;
}

/**
 * A worked solution revealed one step at a time. The hint ladder first offers the idea of the next step
 * (its description) and only then the worked line, so the student can try before looking.
 */
export function MathCard({ result, ask }: { result: Record<string, unknown>; ask: (text: string) => void }) {
  const { t } = useTranslation();
  const steps = asObjects(result.steps).map((s) => ({
    description: asString(s.description),
    expression: asString(s.expression),
  }));
  const problem = asString(result.problem);
  const answer = result.answer == null ? null : asString(result.answer);
  const written = writtenAnswer(result);
  const hint = result.hint == null ? null : asString(result.hint);
  const [shown, setShown] = useState(0); // fully shown steps
  const [hinted, setHinted] = useState(false); // description of the next step shown
  const next = steps[shown];
  const all = shown >= steps.length;

  return (
    <article className="tool-card math">
      <h4>{t('cards.math.title')}</h4>
      <Problem value={problem} />
      {hint && (
        <div className="hint-box">
          <strong>{t('cards.math.hint')}:</strong> <Markdown>{hint}</Markdown>
        </div>
      )}
      {steps.length > 0 && (
        <ol className="steps" aria-live="polite">
          {steps.slice(0, shown).map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list from one tool result; items never reorder
            <li key={`${i}-${s.expression}`}>
              <Markdown>{s.description}</Markdown>
              <Expr value={s.expression} />
            </li>
          ))}
          {next && hinted && (
            <li className="partial">
              <Markdown>{next.description}</Markdown>
              <p className="muted">{t('cards.math.tryIt')}</p>
            </li>
          )}
        </ol>
      )}
      {!all && (
        <div className="step-controls">
          {!hinted && (
            <button type="button" className="btn small" onClick={() => setHinted(true)}>
              {t('cards.math.hintNext')}
            </button>
          )}
          <button
            type="button"
            className="btn small primary"
            onClick={() => {
              setShown(shown + 1);
              setHinted(false);
            }}
          >
            {t('cards.math.showStep', { n: shown + 1, total: steps.length })}
          </button>
          <button
            type="button"
            className="btn small ghost"
            onClick={() => {
              setShown(steps.length);
              setHinted(false);
            }}
          >
            {t('cards.math.showAll')}
          </button>
        </div>
      )}
      {all && answer && (
        <p className="answer-box" role="status">
          <strong>{t('cards.math.answer')}:</strong> {written}
        </p>
      )}
      {!answer && (
        <div className="chips">
          <button type="button" className="chip" onClick={() => ask(t('followups.hintFor', { problem }))}>
            {t('cards.math.anotherHint')}
          </button>
          <button
            type="button"
            className="chip"
            onClick={() => ask(t('followups.fullSolution', { problem }))}
          >
            {t('cards.math.fullSolution')}
          </button>
        </div>
      )}
    </article>
  );
}
