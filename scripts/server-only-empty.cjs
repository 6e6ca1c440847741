// The empty module `server-only` resolves to outside Next (scripts/register-server-only.mjs).
