/**
 * The overhead baseline: a bare Fastify route doing the same two inserts as a chat turn (the student message
 * and the assistant message) on the same PostgreSQL, with the same pool size and no auth, tutor or plugins.
 * Started by bench/load.ts as a child process: PORT and DATABASE_URL from the environment.
 */
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
pool.on('error', () => {});
const app = Fastify({ logger: false });

app.get('/health/ready', async () => ({ status: 'ready' }));
app.post<{ Body: { conversation_id: string; user_id: string; text: string } }>('/turn', async (request) => {
  const { conversation_id, user_id, text } = request.body;
  const user = await pool.query<{ id: string }>(
    `insert into messages (conversation_id, user_id, role, content, status) values ($1, $2, 'user', $3, 'completed') returning id`,
    [conversation_id, user_id, text],
  );
  const assistant = await pool.query<{ id: string }>(
    `insert into messages (conversation_id, user_id, role, content, status, reply_to, planner) values ($1, $2, 'assistant', $3, 'completed', $4, 'baseline') returning id`,
    [conversation_id, user_id, `echo: ${text}`, user.rows[0]?.id],
  );
  return { user_message: { id: user.rows[0]?.id }, assistant_message: { id: assistant.rows[0]?.id } };
});

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', () => {
  void app.close().then(() => pool.end().then(() => process.exit(0)));
});
