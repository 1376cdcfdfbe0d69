// RapidPro keeps languages as ISO 639-3 codes (eng, fra, ara); the bot's locales are ISO 639-1
// folders (en, fr, ar). A text the bot writes for contacts is given in every language both know,
// so each contact reads it in their own, and the rest read the workspace's primary language.

const toIso6393: Record<string, string> = { en: 'eng', fr: 'fra', es: 'spa', pt: 'por', ar: 'ara' };

function toRapidProLanguage(lng: string): string | null {
  return toIso6393[lng.toLowerCase()] ?? null;
}

export interface WorkspaceLanguages {
  languages: readonly string[];
  primaryLanguage: string | null;
}

export interface TranslatedText {
  /** The text in the base language: what a contact without a translated language reads. */
  text: string;
  /** Per RapidPro language; null when there is only one language to give. */
  translations: Record<string, string> | null;
}

export function translateForWorkspace(
  write: (lng: string) => string,
  botLanguages: readonly string[],
  workspace: WorkspaceLanguages,
  requesterLng: string,
): TranslatedText {
  const translations: Record<string, string> = {};
  for (const lng of botLanguages) {
    const code = toRapidProLanguage(lng);
    if (code && workspace.languages.includes(code)) translations[code] = write(lng);
  }
  const codes = Object.keys(translations);
  if (codes.length <= 1)
    return { text: codes.length === 1 ? translations[codes[0]!]! : write(requesterLng), translations: null };
  const requester = toRapidProLanguage(requesterLng);
  const base =
    [workspace.primaryLanguage, requester].find((code): code is string => !!code && code in translations) ?? codes[0]!;
  return { text: translations[base]!, translations };
}

/**
 * The text as `lng`'s reader reads it. The base is the workspace's primary language (what
 * contacts without a translation get), so a confirmation shown to someone who reads another
 * language shows their own translation, not the base.
 */
export function textIn(message: TranslatedText, lng: string): string {
  const code = toRapidProLanguage(lng);
  return (code && message.translations?.[code]) || message.text;
}

/** The language of a translated text's base: the one whose text is `text`. */
export function baseLanguageOf(text: string, translations: Record<string, string>): string | undefined {
  return Object.keys(translations).find((code) => translations[code] === text);
}
