import { useTranslation } from 'react-i18next';
import type { ToolResultData } from '../lib/types.ts';
import { ConceptCard } from './ConceptCard.tsx';
import { FlashcardDeck } from './FlashcardDeck.tsx';
import { MathCard } from './MathCard.tsx';
import { NotesCard } from './NotesCard.tsx';
import { QuizCard } from './QuizCard.tsx';

/** The rich, interactive rendering of one tool result in the chat, with a note when no lesson backs it. */
export function ToolCard(props: {
  data: ToolResultData;
  params?: Record<string, unknown> | undefined;
  ask: (text: string) => void;
}) {
  const { t } = useTranslation();
  const grounding = props.data.result?.grounding as { model_knowledge?: unknown } | undefined;
  return (
    <>
      {grounding?.model_knowledge === true && (
        <p className="muted ungrounded" role="note">
          {t('cards.ungrounded')}
        </p>
      )}
      <ResultCard {...props} />
    </>
  );
}

function ResultCard({
  data,
  params,
  ask,
}: {
  data: ToolResultData;
  params?: Record<string, unknown> | undefined;
  ask: (text: string) => void;
}) {
  const { t } = useTranslation();
  const r = data.result ?? {};
  switch (data.tool) {
    case 'concept_explainer':
      return <ConceptCard result={r} ask={ask} />;
    case 'note_maker':
      return (
        <NotesCard
          result={r}
          style={typeof params?.note_style === 'string' ? params.note_style : undefined}
        />
      );
    case 'flashcard_generator':
      return <FlashcardDeck data={data} />;
    case 'quiz_generator':
      return <QuizCard data={data} />;
    case 'math_solver':
      return <MathCard result={r} ask={ask} />;
    default:
      return <p className="muted">{t('cards.unknownTool', { tool: data.tool })}</p>;
  }
}
