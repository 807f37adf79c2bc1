import { useTranslation } from 'react-i18next';
import { Markdown } from '../chat/Markdown.tsx';
import { asObjects, asString, asStrings } from './util.ts';

export function Sources({ value }: { value: unknown }) {
  const { t } = useTranslation();
  const refs = asObjects(value);
  if (refs.length === 0) return null;
  return (
    <p className="sources">
      <span>{t('cards.sources')}: </span>
      {refs.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list from one tool result; items never reorder
        <span key={`${asString(r.title)}-${i}`}>
          {i > 0 && '; '}
          {typeof r.url === 'string' && /^https?:\/\//.test(r.url) ? (
            <a href={r.url} target="_blank" rel="noopener noreferrer">
              {asString(r.title)}
            </a>
          ) : (
            asString(r.title)
          )}
        </span>
      ))}
    </p>
  );
}

export function ConceptCard({
  result,
  ask,
}: {
  result: Record<string, unknown>;
  ask: (text: string) => void;
}) {
  const { t } = useTranslation();
  const examples = asStrings(result.examples);
  const related = asStrings(result.related_concepts);
  const practice = asStrings(result.practice_questions);
  return (
    <article className="tool-card concept">
      <h4>{t('cards.concept.title')}</h4>
      <Markdown>{asString(result.explanation)}</Markdown>
      {examples.length > 0 && (
        <section>
          <h5>{t('cards.concept.examples')}</h5>
          <ul>
            {examples.map((e) => (
              <li key={e}>
                <Markdown>{e}</Markdown>
              </li>
            ))}
          </ul>
        </section>
      )}
      {practice.length > 0 && (
        <details>
          <summary>{t('cards.concept.practice')}</summary>
          <ol>
            {practice.map((q) => (
              <li key={q}>
                <Markdown>{q}</Markdown>
              </li>
            ))}
          </ol>
        </details>
      )}
      {related.length > 0 && (
        <section>
          <h5>{t('cards.concept.related')}</h5>
          <div className="chips">
            {related.map((c) => (
              <button
                key={c}
                type="button"
                className="chip"
                onClick={() => ask(t('followups.explain', { topic: c }))}
              >
                {c}
              </button>
            ))}
          </div>
        </section>
      )}
      <Sources value={result.source_references} />
    </article>
  );
}
