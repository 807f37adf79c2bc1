ALTER TABLE "conversations" ALTER COLUMN "title" DROP NOT NULL;--> statement-breakpoint
-- Conversations that kept a placeholder title (the server's "New conversation", or the web app's "New chat" /
-- "Bagong chat", which stopped the first message from naming them) are named by their first message as a
-- turn names them now, or left untitled (null) when they have none.
UPDATE "conversations" AS c SET "title" = (
  SELECT CASE WHEN length(first.line) > 60 THEN left(first.line, 57) || '…' ELSE nullif(first.line, '') END
  FROM (
    SELECT btrim(regexp_replace(m."content", '\s+', ' ', 'g')) AS line
    FROM "messages" AS m
    WHERE m."conversation_id" = c."id" AND m."role" = 'user'
    ORDER BY m."created_at"
    LIMIT 1
  ) AS first
)
WHERE c."title" IN ('New conversation', 'New chat', 'Bagong chat');
