import type { UIMessage } from 'ai';

export type Role = 'student' | 'teacher' | 'admin';
export type Locale = 'en' | 'fil';
export type LearningStyle = 'visual' | 'auditory' | 'reading_writing' | 'kinesthetic';

export interface User {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  grade_level: string | null;
  locale: Locale;
  learning_style: LearningStyle | null;
  school_id: string | null;
}

export interface Conversation {
  id: string;
  /** Null until the first message names it (or the student does). */
  title: string | null;
  created_at: string;
  updated_at: string;
  last_message_preview: string | null;
}

export interface StoredMessage {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  status: 'pending' | 'completed' | 'failed';
  tool: string | null;
  parameters: Record<string, unknown> | null;
  result: Record<string, unknown> | null;
  planner: string | null;
  created_at: string;
  quiz_id?: string | null;
  deck_id?: string | null;
}

export interface PlanData {
  tool: string | null;
  parameters: Record<string, unknown>;
  status: string;
  planner: string;
}

export interface ToolResultData {
  tool: string;
  result: Record<string, unknown>;
  message_id?: string;
  quiz_id?: string;
  deck_id?: string;
  /** Stored flashcard ids, in deck order, when the server provides them separately from the result. */
  card_ids?: string[];
}

/** Sent when the text streamed so far is withdrawn (an LLM reply broke off); only later text counts. */
export interface TextResetData {
  reason: string;
}
export type AralinDataParts = { plan: PlanData; 'tool-result': ToolResultData; 'text-reset': TextResetData };
export type AralinMessage = UIMessage<unknown, AralinDataParts>;

export interface Mastery {
  topic_id: string;
  p_known: number;
  /** 1–10 */
  level: number | string;
  /** The level in words, in the student's language (from the server). */
  label?: string;
  title?: string;
  subject?: string;
}

export interface Progress {
  mastery: Array<{
    topic_id: string;
    title: string;
    subject: string;
    p_known: number;
    level: number | string;
    label?: string;
  }>;
  by_subject: Array<{ subject: string; average: number }>;
  streak_days: number;
  time_on_task_minutes: number;
  due_flashcards: number;
  recommended: Array<{ topic_id: string; title: string; reason: string }>;
}

export interface DueCard {
  id: string;
  deck_id: string;
  topic_id: string | null;
  question: string;
  answer: string;
  example: string | null;
  due: string;
}

export interface Flag {
  id: string;
  student_id: string;
  student_name: string;
  conversation_id: string;
  message_id: string;
  category: string;
  severity: string;
  excerpt: string;
  created_at: string;
  status: 'open' | 'resolved';
}

export interface ClassSummary {
  id: string;
  name: string;
  grade_level: string;
  join_code: string;
  student_count: number;
  /** An assessment is under way: the class's students get hints, never worked solutions. */
  hints_only?: boolean;
}
