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
  AMBIGUOUS_DATE: {
    en: "ambiguous date: use DD.MM.YYYY or YYYY-MM-DD",
    ru: "неоднозначная дата: пишите ДД.ММ.ГГГГ или ГГГГ-ММ-ДД",
  },
  NOT_A_DATE: { en: "not a date: use DD.MM.YYYY or YYYY-MM-DD", ru: "это не дата: пишите ДД.ММ.ГГГГ или ГГГГ-ММ-ДД" },
  NO_SUCH_DATE: { en: "no such calendar date", ru: "такой даты нет в календаре" },
  DATE_OUT_OF_RANGE: {
    en: "{date} is out of range ({min} … {max})",
    ru: "дата {date} вне допустимого диапазона ({min} … {max})",
  },
  // Numbers
  EMPTY_CELL: { en: "the cell is empty", ru: "ячейка пуста" },
  NOT_A_NUMBER: { en: "not a number", ru: "это не число" },
  BAD_DIGIT_GROUPS: {
    en: "not a number (digit groups must have 3 digits)",
    ru: "это не число (в группе разрядов должно быть 3 цифры)",
  },
  TWO_DECIMAL_SEPARATORS: {
    en: "not a number (two decimal separators)",
    ru: "это не число (два десятичных разделителя)",
  },
  MISPLACED_GROUP_SEPARATOR: {
    en: "not a number (misplaced digit group separator)",
    ru: "это не число (разделитель разрядов не на месте)",
  },
  TOO_MANY_DECIMALS: { en: "more than {max} decimal places", ru: "больше {max} знаков после запятой" },
  NUMBER_TOO_LARGE: { en: "the number is too large", ru: "слишком большое число" },
  NOT_A_DECIMAL: { en: "“{value}” is not a number", ru: "«{value}» — не число" },
  NEGATIVE_COUNT: {
    en: "{measure} is a count and cannot be negative",
    ru: "{measure} — количество, оно не может быть отрицательным",
  },
  FRACTIONAL_COUNT: {
    en: "{measure} is a count and must be a whole number",
    ru: "{measure} — количество, нужно целое число",
  },
  // Text cells
  CHANNEL_EMPTY: { en: "the channel is empty", ru: "канал не указан" },
  TEXT_TOO_LONG: { en: "longer than {max} characters", ru: "длиннее {max} символов" },
  CONTROL_CHARACTERS: { en: "contains control characters", ru: "содержит управляющие символы" },
  // Measures
  MEASURE_EMPTY: { en: "the measure is empty", ru: "показатель не указан" },
  UNKNOWN_MEASURE: {
    en: "unknown measure “{name}”: map it to a measure",
    ru: "неизвестный показатель «{name}»: сопоставьте его с показателем",
  },
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
  TARGET_MAPPED_TWICE: {
    en: "“{target}” is already mapped to column {column}",
    ru: "«{target}» уже сопоставлен со столбцом {column}",
  },
  MAP_DATE: { en: "map a column to the date", ru: "укажите столбец с датой" },
  MAP_CHANNEL: {
    en: "map a column to the channel or give a default channel",
    ru: "укажите столбец с каналом или канал для всех строк",
  },
  MAP_MEASURE_COLUMN: {
    en: "long layout: map a column to the measure",
    ru: "длинный формат: укажите столбец с названием показателя",
  },
  MAP_VALUE_COLUMN: {
    en: "long layout: map a column to the value",
    ru: "длинный формат: укажите столбец со значением",
  },
  LONG_LAYOUT_EXTRA_MEASURES: {
    en: "long layout: measure columns are not allowed besides measure/value",
    ru: "длинный формат: кроме столбцов «показатель» и «значение» столбцы показателей не допускаются",
  },
  MAP_SOME_MEASURE: {
    en: "map at least one column to a measure",
    ru: "сопоставьте хотя бы один столбец с показателем",
  },
  UNKNOWN_ALIAS_MEASURE: {
    en: "unknown measure “{measure}” for “{name}”",
    ru: "неизвестный показатель «{measure}» для «{name}»",
  },
  // File structure (lib/csv/csv-tokenizer.ts, check-cell-count.ts, detect-encoding.ts)
  CELL_COUNT_EXTRA: {
    en: "row {row} has {cells} cells but the header has {width} columns: column {column} (“{value}”) has no header — is a number written with “,” unquoted, or a delimiter inside a text cell?",
    ru: "в строке {row} {cells} ячеек, а в заголовке {width} столбцов: у столбца {column} («{value}») нет заголовка — возможно, число с запятой без кавычек или разделитель внутри текста",
  },
  CELL_COUNT_MISSING: {
    en: "row {row} has {cells} cells but the header has {width} columns: missing {columns}",
    ru: "в строке {row} {cells} ячеек, а в заголовке {width} столбцов: не хватает {columns}",
  },
  BAD_ENCODING: {
    en: "the file is neither UTF-8, UTF-16 with a byte order mark nor Windows-1251 throughout: the first byte that does not decode is in row {row}, at byte offset {offset}. Save it again as “CSV UTF-8”.",
    ru: "файл не читается целиком ни как UTF-8, ни как UTF-16 с меткой порядка байтов, ни как Windows-1251: первый нечитаемый байт — в строке {row}, смещение {offset}. Сохраните файл заново как «CSV UTF-8».",
  },
  NUL_BYTE: {
    en: "row {row}, column {column} holds a NUL byte: the file is binary, or UTF-16 without a byte order mark",
    ru: "в строке {row}, столбце {column} — нулевой байт: файл двоичный или в UTF-16 без метки порядка байтов",
  },
  BINARY_DATA: {
    en: "row {row}, column {column} holds a control character: the file is not plain text",
    ru: "в строке {row}, столбце {column} — управляющий символ: это не обычный текстовый файл",
  },
  UNCLOSED_QUOTE: {
    en: "the quote opened in row {row}, column {column} is never closed",
    ru: "кавычка, открытая в строке {row}, столбце {column}, не закрыта",
  },
  TOO_MANY_COLUMNS: { en: "row {row} has more than {max} columns", ru: "в строке {row} больше {max} столбцов" },
  RECORD_TOO_LONG: { en: "row {row} is longer than {max} characters", ru: "строка {row} длиннее {max} символов" },
  // Currencies (lib/csv/cell-currency.ts, import mapping)
  TWO_CURRENCY_MARKS: { en: "two different currency marks", ru: "два разных знака валюты" },
  MARK_ON_NON_MONEY: {
    en: "a currency mark ({mark}) on a measure that is not money",
    ru: "знак валюты ({mark}) у показателя, который не является деньгами",
  },
  UNKNOWN_CURRENCY: {
    en: "unknown currency “{currency}”: use an ISO 4217 code such as RUB, USD or EUR",
    ru: "неизвестная валюта «{currency}»: укажите код ISO 4217, например RUB, USD или EUR",
  },
  MARK_DISAGREES_WITH_COLUMN: {
    en: "the cell is marked {mark} but the currency column says {column}",
    ru: "у ячейки знак {mark}, а в столбце валюты указано {column}",
  },
  CELL_CURRENCY_WITHOUT_RATE: {
    en: "the cell is in {code} but the import is in {importCurrency} and has no rate from {code} to {reporting}",
    ru: "ячейка в {code}, а загрузка в {importCurrency}, и курса {code} к {reporting} нет",
  },
  NO_RATE: {
    en: "no rate from {code} to {reporting}: give the import a rate for {code}",
    ru: "нет курса {code} к {reporting}: укажите курс для {code}",
  },
  RATE_NOT_POSITIVE: { en: "rate: “{rate}” is not a positive number", ru: "курс: «{rate}» — не положительное число" },
  RATE_REQUIRED: {
    en: "rate: the import is in {importCurrency}; give the rate of 1 {importCurrency} in {reporting}",
    ru: "курс: загрузка в {importCurrency}; укажите, сколько {reporting} в 1 {importCurrency}",
  },
  RATE_NOT_NEEDED: {
    en: "rate: the import is in the reporting currency {reporting}; a rate is only for another currency",
    ru: "курс: загрузка в валюте отчётности {reporting}; курс нужен только для другой валюты",
  },
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
