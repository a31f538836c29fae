// Secrets (the bot token, the webhook secret) must never reach a log line or an error message:
// telegraf puts the token in every request URL, and a Bot API error or a network error can echo
// that URL back. Everything that prints goes through `redact`.

const secrets = new Set<string>();

/** A Telegram bot token anywhere in a text: «123456789:AA…» (35 characters after the colon). */
const TOKEN_SHAPE = /(?<![\w])\d{5,}:[A-Za-z0-9_-]{30,}/g;

/** Registers a secret to be masked from now on (the bot token at start-up). */
export function addSecret(value: string | undefined | null): void {
  if (value && value.length >= 4) secrets.add(value);
}

export function redact(text: string): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join("[REDACTED]");
  // a URL-encoded token (the colon as %3A)
  for (const s of secrets) {
    const encoded = encodeURIComponent(s);
    if (encoded !== s && out.includes(encoded)) out = out.split(encoded).join("[REDACTED]");
  }
  return out.replace(TOKEN_SHAPE, "[REDACTED]");
}

/** Masks secrets in an error's message, stack and Bot API description, in place; returns it. */
export function redactError<T>(err: T): T {
  if (!err || typeof err !== "object") return err;
  const e = err as { message?: unknown; stack?: unknown; response?: { description?: unknown }; description?: unknown };
  try {
    if (typeof e.message === "string") e.message = redact(e.message);
    if (typeof e.stack === "string") e.stack = redact(e.stack);
    if (e.response && typeof e.response.description === "string") e.response.description = redact(e.response.description);
  } catch {
    // a frozen or exotic error: the logger's own redaction still applies
  }
  return err;
}
