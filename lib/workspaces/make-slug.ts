/**
 * URL slugs from workspace names. Cyrillic is transliterated (a simplified ISO 9 / passport
 * scheme: "Ромашка" → "romashka"), other letters lose their diacritics, everything else
 * becomes a hyphen.
 */
const CYRILLIC: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  ё: "e",
  ж: "zh",
  з: "z",
  и: "i",
  й: "y",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "shch",
  ъ: "",
  ы: "y",
  ь: "",
  э: "e",
  ю: "yu",
  я: "ya",
  // Ukrainian, Belarusian and Kazakh letters seen in company names
  і: "i",
  ї: "yi",
  є: "ye",
  ґ: "g",
  ў: "u",
  ә: "a",
  ғ: "g",
  қ: "k",
  ң: "n",
  ө: "o",
  ұ: "u",
  ү: "u",
  һ: "h",
};

export const SLUG_MAX_BASE_LENGTH = 40;

export function transliterate(text: string): string {
  let out = "";
  for (const ch of text.toLowerCase()) out += CYRILLIC[ch] ?? ch;
  return out;
}

/** A slug base for a name: 3–40 characters of [a-z0-9-], "workspace" when nothing is left. */
export function makeSlug(name: string): string {
  const slug = transliterate(name)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, SLUG_MAX_BASE_LENGTH)
    .replace(/-+$/g, "");
  return slug.length >= 3 ? slug : slug ? `${slug}-workspace` : "workspace";
}

/** The n-th candidate for a taken slug: base, base-2, base-3, …, then a random suffix. */
export function slugCandidate(base: string, attempt: number): string {
  if (attempt === 0) return base;
  if (attempt < 10) return `${base}-${attempt + 1}`;
  return `${base}-${Math.random().toString(36).slice(2, 8)}`;
}
