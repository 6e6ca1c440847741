/**
 * Time zones as people pick them: by city, in Russian or English (SPEC §10), not from 400 raw
 * IANA names. The list covers Russia's zones, the CIS and the cities clients usually name;
 * any other IANA zone still works (settings keep it and show Intl's own name for it).
 */
export interface TimeZoneCity {
  id: string;
  ru: string;
  en: string;
}

export const TIME_ZONE_CITIES: readonly TimeZoneCity[] = [
  { id: "Europe/Kaliningrad", ru: "Калининград", en: "Kaliningrad" },
  { id: "Europe/Moscow", ru: "Москва, Санкт-Петербург", en: "Moscow, Saint Petersburg" },
  { id: "Europe/Simferopol", ru: "Симферополь", en: "Simferopol" },
  { id: "Europe/Volgograd", ru: "Волгоград", en: "Volgograd" },
  { id: "Europe/Kirov", ru: "Киров", en: "Kirov" },
  { id: "Europe/Astrakhan", ru: "Астрахань", en: "Astrakhan" },
  { id: "Europe/Samara", ru: "Самара", en: "Samara" },
  { id: "Europe/Saratov", ru: "Саратов", en: "Saratov" },
  { id: "Europe/Ulyanovsk", ru: "Ульяновск", en: "Ulyanovsk" },
  { id: "Asia/Yekaterinburg", ru: "Екатеринбург, Пермь, Тюмень", en: "Yekaterinburg, Perm, Tyumen" },
  { id: "Asia/Omsk", ru: "Омск", en: "Omsk" },
  { id: "Asia/Novosibirsk", ru: "Новосибирск", en: "Novosibirsk" },
  { id: "Asia/Barnaul", ru: "Барнаул", en: "Barnaul" },
  { id: "Asia/Tomsk", ru: "Томск", en: "Tomsk" },
  { id: "Asia/Novokuznetsk", ru: "Новокузнецк, Кемерово", en: "Novokuznetsk, Kemerovo" },
  { id: "Asia/Krasnoyarsk", ru: "Красноярск", en: "Krasnoyarsk" },
  { id: "Asia/Irkutsk", ru: "Иркутск", en: "Irkutsk" },
  { id: "Asia/Chita", ru: "Чита", en: "Chita" },
  { id: "Asia/Yakutsk", ru: "Якутск", en: "Yakutsk" },
  { id: "Asia/Vladivostok", ru: "Владивосток, Хабаровск", en: "Vladivostok, Khabarovsk" },
  { id: "Asia/Sakhalin", ru: "Южно-Сахалинск", en: "Yuzhno-Sakhalinsk" },
  { id: "Asia/Magadan", ru: "Магадан", en: "Magadan" },
  { id: "Asia/Kamchatka", ru: "Петропавловск-Камчатский", en: "Petropavlovsk-Kamchatsky" },
  { id: "Europe/Minsk", ru: "Минск", en: "Minsk" },
  { id: "Europe/Kyiv", ru: "Киев", en: "Kyiv" },
  { id: "Europe/Chisinau", ru: "Кишинёв", en: "Chisinau" },
  { id: "Europe/Riga", ru: "Рига", en: "Riga" },
  { id: "Europe/Vilnius", ru: "Вильнюс", en: "Vilnius" },
  { id: "Europe/Tallinn", ru: "Таллин", en: "Tallinn" },
  { id: "Asia/Tbilisi", ru: "Тбилиси", en: "Tbilisi" },
  { id: "Asia/Yerevan", ru: "Ереван", en: "Yerevan" },
  { id: "Asia/Baku", ru: "Баку", en: "Baku" },
  { id: "Asia/Almaty", ru: "Алматы, Астана", en: "Almaty, Astana" },
  { id: "Asia/Tashkent", ru: "Ташкент", en: "Tashkent" },
  { id: "Asia/Bishkek", ru: "Бишкек", en: "Bishkek" },
  { id: "Asia/Dushanbe", ru: "Душанбе", en: "Dushanbe" },
  { id: "Asia/Ashgabat", ru: "Ашхабад", en: "Ashgabat" },
  { id: "Europe/Istanbul", ru: "Стамбул", en: "Istanbul" },
  { id: "Asia/Dubai", ru: "Дубай", en: "Dubai" },
  { id: "Asia/Jerusalem", ru: "Иерусалим, Тель-Авив", en: "Jerusalem, Tel Aviv" },
  { id: "Europe/London", ru: "Лондон", en: "London" },
  { id: "Europe/Lisbon", ru: "Лиссабон", en: "Lisbon" },
  { id: "Europe/Berlin", ru: "Берлин", en: "Berlin" },
  { id: "Europe/Paris", ru: "Париж", en: "Paris" },
  { id: "Europe/Madrid", ru: "Мадрид", en: "Madrid" },
  { id: "Europe/Rome", ru: "Рим", en: "Rome" },
  { id: "Europe/Amsterdam", ru: "Амстердам", en: "Amsterdam" },
  { id: "Europe/Warsaw", ru: "Варшава", en: "Warsaw" },
  { id: "Europe/Prague", ru: "Прага", en: "Prague" },
  { id: "Europe/Belgrade", ru: "Белград", en: "Belgrade" },
  { id: "Europe/Helsinki", ru: "Хельсинки", en: "Helsinki" },
  { id: "Europe/Athens", ru: "Афины", en: "Athens" },
  { id: "Asia/Kolkata", ru: "Дели, Мумбаи", en: "Delhi, Mumbai" },
  { id: "Asia/Bangkok", ru: "Бангкок", en: "Bangkok" },
  { id: "Asia/Singapore", ru: "Сингапур", en: "Singapore" },
  { id: "Asia/Shanghai", ru: "Пекин, Шанхай", en: "Beijing, Shanghai" },
  { id: "Asia/Tokyo", ru: "Токио", en: "Tokyo" },
  { id: "Australia/Sydney", ru: "Сидней", en: "Sydney" },
  { id: "America/New_York", ru: "Нью-Йорк", en: "New York" },
  { id: "America/Chicago", ru: "Чикаго", en: "Chicago" },
  { id: "America/Denver", ru: "Денвер", en: "Denver" },
  { id: "America/Los_Angeles", ru: "Лос-Анджелес", en: "Los Angeles" },
  { id: "America/Sao_Paulo", ru: "Сан-Паулу", en: "São Paulo" },
  { id: "UTC", ru: "Всемирное время (UTC)", en: "Coordinated Universal Time (UTC)" },
];

const BY_ID = new Map(TIME_ZONE_CITIES.map((c) => [c.id, c]));

/** The zone's offset now, e.g. "GMT+3" ("GMT" for UTC). */
export function timeZoneOffset(id: string, at: Date = new Date()): string {
  try {
    const part = new Intl.DateTimeFormat("en", { timeZone: id, timeZoneName: "shortOffset" })
      .formatToParts(at)
      .find((p) => p.type === "timeZoneName");
    return part?.value ?? "";
  } catch {
    return "";
  }
}

/** "(GMT+3) Москва, Санкт-Петербург"; a zone outside the list gets Intl's name for it in `locale`. */
export function timeZoneLabel(id: string, locale: string): string {
  const city = BY_ID.get(id);
  const offset = timeZoneOffset(id);
  let name = city ? (locale === "ru" ? city.ru : city.en) : "";
  if (!name) {
    try {
      const part = new Intl.DateTimeFormat(locale, { timeZone: id, timeZoneName: "longGeneric" })
        .formatToParts(new Date())
        .find((p) => p.type === "timeZoneName");
      name = part?.value ?? id;
    } catch {
      name = id;
    }
  }
  return offset ? `(${offset}) ${name}` : name;
}

/** Zones whose city matches `query` in either language (case- and ё-insensitive), or all. */
export function searchTimeZones(query: string): readonly TimeZoneCity[] {
  const norm = (s: string) => s.toLowerCase().replace(/ё/g, "е").trim();
  const q = norm(query);
  if (!q) return TIME_ZONE_CITIES;
  return TIME_ZONE_CITIES.filter((c) => norm(c.ru).includes(q) || norm(c.en).includes(q) || norm(c.id).includes(q));
}
