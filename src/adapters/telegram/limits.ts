// Telegram's Bot API limits, in one place: the renderer enforces them, the tests read them.
// https://core.telegram.org/bots/api#sendmessage
export const telegramLimits = {
  messageText: 4096,
  caption: 1024,
  callbackData: 64,
  buttonsPerRow: 3,
  commandName: 32,
  commandDescription: 256,
} as const;
