import "server-only";
import { env } from "@/lib/env";

/**
 * Session lifetimes (settings, lib/env.ts): a session ends after SESSION_IDLE_MINUTES without a
 * request (default 12 hours) and SESSION_MAX_DAYS after sign-in whatever happens (default 14
 * days); the cookie's Max-Age is the absolute lifetime.
 */
export function sessionSettings(): { idleSeconds: number; maxSeconds: number } {
  const { SESSION_IDLE_MINUTES, SESSION_MAX_DAYS } = env();
  return { idleSeconds: SESSION_IDLE_MINUTES * 60, maxSeconds: SESSION_MAX_DAYS * 24 * 60 * 60 };
}

/** last_seen_at is written at most this often per session (reads stay reads). */
export const TOUCH_EVERY_SECONDS = 60;
