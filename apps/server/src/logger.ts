import type { Config } from './config.ts';

/**
 * pino options: JSON lines with request id (and user id once known). Request bodies are never logged;
 * credentials and anything that can carry message text or personal data are redacted.
 */
export function loggerOptions(config: Config) {
  return {
    level: config.logLevel,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-api-key"]',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.new_password',
        '*.current_password',
        '*.text',
        '*.message',
        '*.content',
        '*.token',
        '*.api_key',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req(request: { method: string; url: string; id: string; ip?: string }) {
        return { method: request.method, url: request.url.split('?')[0], request_id: request.id };
      },
      res(reply: { statusCode: number }) {
        return { status_code: reply.statusCode };
      },
    },
  };
}
