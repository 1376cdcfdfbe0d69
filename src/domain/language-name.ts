/**
 * A language's name in the reader's language: RapidPro's ISO 639-3 codes ("fra", "eng", "ara")
 * and the bot's ISO 639-1 ones ("fr") alike, since Intl maps both ("fra" → "French",
 * "français", "الفرنسية"). A code Intl does not know is shown as given.
 */
export function languageName(code: string, readerLng: string): string {
  try {
    return new Intl.DisplayNames([readerLng], { type: 'language', fallback: 'code' }).of(code) ?? code;
  } catch {
    // Not a well-formed language tag (RapidPro keeps whatever was typed in older workspaces).
    return code;
  }
}
