/**
 * Why a value was refused, in words a person reads (SPEC §10: "every word a person reads is in
 * their language — validation errors, import reasons"). Producers report a stable machine
 * code with parameters (`{ code: "NOT_A_DATE" }`, `{ code: "ROW_REPEATS", params: { row: 5,
 * first: 2, measure: "spend" } }`); the API keeps the code beside the text, pages show the
 * text in the reader's language.
 *
 * To add a reason: add one entry here with both texts ({name} placeholders take the params);
 * `lib/i18n/reasons.test.ts` checks that every entry's placeholders match in ru and en.
 */
export const REASON_TEXTS = {
  // Dates
  EMPTY_DATE: { en: "the date is empty", ru: "дата не указана" },
  AMBIGUOUS_DATE: { en: "ambiguous date: use DD.MM.YYYY or YYYY-MM-DD", ru: "неоднозначная дата: пишите ДД.ММ.ГГГГ или ГГГГ-ММ-ДД" },
  NOT_A_DATE: { en: "not a date: use DD.MM.YYYY or YYYY-MM-DD", ru: "это не дата: пишите ДД.ММ.ГГГГ или ГГГГ-ММ-ДД" },
  NO_SUCH_DATE: { en: "no such calendar date", ru: "такой даты нет в календаре" },
  DATE_OUT_OF_RANGE: { en: "{date} is out of range ({min} … {max})", ru: "дата {date} вне допустимого диапазона ({min} … {max})" },
  // Numbers
  EMPTY_CELL: { en: "the cell is empty", ru: "ячейка пуста" },
  NOT_A_NUMBER: { en: "not a number", ru: "это не число" },
  BAD_DIGIT_GROUPS: { en: "not a number (digit groups must have 3 digits)", ru: "это не число (в группе разрядов должно быть 3 цифры)" },
  TWO_DECIMAL_SEPARATORS: { en: "not a number (two decimal separators)", ru: "это не число (два десятичных разделителя)" },
  MISPLACED_GROUP_SEPARATOR: { en: "not a number (misplaced digit group separator)", ru: "это не число (разделитель разрядов не на месте)" },
  TOO_MANY_DECIMALS: { en: "more than {max} decimal places", ru: "больше {max} знаков после запятой" },
  NUMBER_TOO_LARGE: { en: "the number is too large", ru: "слишком большое число" },
  NOT_A_DECIMAL: { en: "“{value}” is not a number", ru: "«{value}» — не число" },
  NEGATIVE_COUNT: { en: "{measure} is a count and cannot be negative", ru: "{measure} — количество, оно не может быть отрицательным" },
  FRACTIONAL_COUNT: { en: "{measure} is a count and must be a whole number", ru: "{measure} — количество, нужно целое число" },
  // Text cells
  CHANNEL_EMPTY: { en: "the channel is empty", ru: "канал не указан" },
  TEXT_TOO_LONG: { en: "longer than {max} characters", ru: "длиннее {max} символов" },
  CONTROL_CHARACTERS: { en: "contains control characters", ru: "содержит управляющие символы" },
  // Measures
  MEASURE_EMPTY: { en: "the measure is empty", ru: "показатель не указан" },
  UNKNOWN_MEASURE: { en: "unknown measure “{name}”: map it to a measure", ru: "неизвестный показатель «{name}»: сопоставьте его с показателем" },
  VALUE_EMPTY: { en: "the value is empty", ru: "значение не указано" },
  // Rows and files
  ROW_REPEATS: {
    en: "row {row} repeats row {first}: same date, channel, campaign and measure ({measure})",
    ru: "строка {row} повторяет строку {first}: те же дата, канал, кампания и показатель ({measure})",
  },
  EMPTY_FILE: { en: "the file is empty", ru: "файл пуст" },
  NO_ROWS: { en: "the file has a header but no data rows", ru: "в файле есть заголовок, но нет строк с данными" },
  // Mapping
  COLUMN_MISSING: { en: "column {column} does not exist", ru: "столбца {column} нет в файле" },
  COLUMN_MAPPED_TWICE: { en: "column {column} is mapped twice", ru: "столбец {column} сопоставлен дважды" },
  TARGET_MAPPED_TWICE: { en: "“{target}” is already mapped to column {column}", ru: "«{target}» уже сопоставлен со столбцом {column}" },
  MAP_DATE: { en: "map a column to the date", ru: "укажите столбец с датой" },
  MAP_CHANNEL: { en: "map a column to the channel or give a default channel", ru: "укажите столбец с каналом или канал для всех строк" },
  MAP_MEASURE_COLUMN: { en: "long layout: map a column to the measure", ru: "длинный формат: укажите столбец с названием показателя" },
  MAP_VALUE_COLUMN: { en: "long layout: map a column to the value", ru: "длинный формат: укажите столбец со значением" },
  LONG_LAYOUT_EXTRA_MEASURES: {
    en: "long layout: measure columns are not allowed besides measure/value",
    ru: "длинный формат: кроме столбцов «показатель» и «значение» столбцы показателей не допускаются",
  },
  MAP_SOME_MEASURE: { en: "map at least one column to a measure", ru: "сопоставьте хотя бы один столбец с показателем" },
  UNKNOWN_ALIAS_MEASURE: { en: "unknown measure “{measure}” for “{name}”", ru: "неизвестный показатель «{measure}» для «{name}»" },
} as const satisfies Record<string, { en: string; ru: string }>;

export type ReasonCode = keyof typeof REASON_TEXTS;
/** Values a reason names; a name in both languages (a measure's) is shown in the reader's. */
export type ReasonParams = Record<string, string | number | { en: string; ru: string }>;

/** A reason as producers report it: a stable code and the values its text names. */
export interface Reason {
  code: ReasonCode;
  params?: ReasonParams;
}

/** Builds a {@link Reason} (a short way to write `{ code, params }`). */
export function reason(code: ReasonCode, params?: ReasonParams): Reason {
  return params ? { code, params } : { code };
}

/** The reason's text in `locale` (ru or en; anything else reads English). */
export function reasonText(r: Reason, locale: string): string {
  const texts = REASON_TEXTS[r.code];
  const template = locale === "ru" ? texts.ru : texts.en;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = r.params?.[name];
    if (value === undefined) return whole;
    return typeof value === "object" ? (locale === "ru" ? value.ru : value.en) : String(value);
  });
}
