import { useTranslation } from 'react-i18next';
import { Markdown } from '../chat/Markdown.tsx';
import { Sources } from './ConceptCard.tsx';
import { asObjects, asString, asStrings } from './util.ts';

function List({ title, items, ordered }: { title: string; items: string[]; ordered?: boolean }) {
  if (items.length === 0) return null;
  const body = items.map((x) => (
    <li key={x}>
      <Markdown>{x}</Markdown>
    </li>
  ));
  return (
    <>
      <h6>{title}</h6>
      {ordered ? <ol>{body}</ol> : <ul>{body}</ul>}
    </>
  );
}

/** Study notes, laid out in the style the student asked for (outline, bullets, narrative or structured). */
export function NotesCard({ result, style }: { result: Record<string, unknown>; style?: string }) {
  const { t } = useTranslation();
  const sections = asObjects(result.note_sections);
  const keyConcepts = asStrings(result.key_concepts);
  const prior = asStrings(result.connections_to_prior_learning);
  const practice = asStrings(result.practice_suggestions);
  const outline = style === 'outline';
  // No sections: the pack has no notes on it, and the reply already says so and offers the closest topics.
  if (sections.length === 0) return null;
  return (
    <article className={`tool-card notes style-${style ?? 'structured'}`}>
      <h4>{asString(result.title) || t('cards.notes.title')}</h4>
      {asString(result.summary) && (
        <div className="summary">
          <Markdown>{asString(result.summary)}</Markdown>
        </div>
      )}
      {sections.map((s, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list from one tool result; items never reorder
        <details key={`${asString(s.title)}-${i}`} open={i < 2}>
          <summary>
            {outline ? `${i + 1}. ` : ''}
            {asString(s.title)}
          </summary>
          {style !== 'bullet_points' && asString(s.content) && <Markdown>{asString(s.content)}</Markdown>}
          <List title={t('cards.notes.keyPoints')} items={asStrings(s.key_points)} ordered={outline} />
          <List title={t('cards.notes.examples')} items={asStrings(s.examples)} />
          <List title={t('cards.notes.analogies')} items={asStrings(s.analogies)} />
        </details>
      ))}
      {keyConcepts.length > 0 && (
        <p className="key-concepts">
          <strong>{t('cards.notes.keyConcepts')}:</strong> {keyConcepts.join(', ')}
        </p>
      )}
      <List title={t('cards.notes.prior')} items={prior} />
      <List title={t('cards.notes.practice')} items={practice} />
      <Sources value={result.source_references} />
    </article>
  );
}
