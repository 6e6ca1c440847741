import type { Mail } from "@/lib/mail/send-mail";

/**
 * The e-mail the owner of an address gets when someone tries to sign up with it: sign-up
 * itself cannot answer like a new account (a new account is signed in at once, SPEC §9.1), so
 * the person who owns the address learns of the attempt and is pointed at sign-in and reset.
 */
export function signUpAttemptEmail(input: { to: string; locale: string; baseUrl: string }): Mail {
  const login = `${input.baseUrl}/login`;
  const reset = `${input.baseUrl}/reset-password`;
  if (input.locale === "ru") {
    return {
      to: input.to,
      subject: "Попытка зарегистрироваться с вашим адресом в Throughline",
      text: `Кто-то попытался создать аккаунт Throughline с адресом ${input.to}, но аккаунт с ним уже есть.\n\nЕсли это были вы — войдите: ${login}\nЗабыли пароль — восстановите его: ${reset}\n\nЕсли это были не вы, ничего делать не нужно: новый аккаунт не создан.`,
    };
  }
  return {
    to: input.to,
    subject: "Someone tried to sign up to Throughline with your address",
    text: `Someone tried to create a Throughline account with ${input.to}, which already has one.\n\nIf it was you, sign in: ${login}\nForgot your password? Reset it: ${reset}\n\nIf it was not you, there is nothing to do: no account was created.`,
  };
}
