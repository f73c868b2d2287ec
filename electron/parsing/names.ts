/**
 * Splitting a "full name" cell into first and last name, as homeowner names appear in old CRMs:
 * "Smith, John", "John Q. Smith", "Mr. John Smith Jr.", "John & Mary Smith", "JOHN SMITH".
 * The first name is what an SMS greets ("Hi John"), so middle names/initials are dropped;
 * generational suffixes stay with the last name so "Smith Jr." and "Smith Sr." remain distinct.
 */
export interface SplitName {
  firstName: string | null;
  lastName: string | null;
  /** The cell names a business, not a person ("Smith Roofing, LLC"): its name, and no first name to greet. */
  companyName?: string;
}

/**
 * A business's legal form at the end of a name ("Smith Roofing, LLC", "ABC Property Management Inc."); "HOA" and "PC"
 * only in capitals: "Hoa" is a given name ("Nguyen, Hoa").
 */
const BUSINESS_FORM = /[\s,]+(?:(?:l\.?l\.?c|inc|incorporated|corp|corporation|company|ltd|limited|pllc|llp|l\.?p)\.?|HOA|P\.?C\.?)$/i;
const CAPITALS_ONLY_FORM = /[\s,]+(?:hoa|p\.?c\.?)$/i;
/**
 * A business or an estate without a legal form: a trade at the end that is nobody's surname ("ABC Property Management",
 * "Sunset Apartments", "Smith Family Trust"), or "Estate of …". Read as a person, the text said "Hi Abc", "Hi Estate" (a
 * review).
 */
const BUSINESS_WORD = /\s(?:management|properties|realty|apartments|condominiums?|condos|association|builders|construction|contracting|roofing|holdings|investments|ministries|enterprises|(?:family|living|revocable|irrevocable) trust)$/i;
const ESTATE = /^(?:the )?estate of\s/i;
const isBusiness = (text: string): boolean =>
  (BUSINESS_FORM.test(text) && text.replace(BUSINESS_FORM, '').trim().length > 0 && (!CAPITALS_ONLY_FORM.test(text) || /[\s,]+(?:HOA|P\.?C\.?)$/.test(text))) ||
  (!text.includes(',') && (BUSINESS_WORD.test(text) || ESTATE.test(text)));

const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'rev', 'prof', 'sir', 'madam', 'mr&mrs', 'mr.&mrs']);
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'v', 'phd', 'md', 'dds', 'esq', 'cpa', 'ret']);
const DROPPED_SUFFIXES = new Set(['phd', 'md', 'dds', 'esq', 'cpa', 'ret']);
/** Surname particles: "Juan de la Cruz" → last name "de la Cruz". */
const PARTICLES = new Set(['de', 'del', 'della', 'la', 'le', 'van', 'von', 'der', 'den', 'da', 'di', 'du', 'st', 'st.', 'mac', 'bin', 'al']);

export function splitFullName(raw: string): SplitName {
  // A note in brackets is not part of the name: "John Smith (tenant)".
  let text = raw.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ').replace(/\s+/g, ' ').trim();
  if (text.length === 0) return { firstName: null, lastName: null };
  // A household: "The Smith Family", "Smith Household" → the surname alone, no first name to greet.
  const household = /^(?:the )?((?:(?:de|del|la|le|van|von|der|den|da|di|du|mac) )*\S+) (?:family|household|residence)$/i.exec(text);
  if (household) return { firstName: null, lastName: tidyCase(household[1] ?? '') };
  text = text.replace(/ (?:family|household|residence)$/i, '');
  // A business: greeted as "Hi Llc" it was (a review). Its name is kept whole, and there is no first name.
  if (isBusiness(text)) return { firstName: null, lastName: null, companyName: text };

  // "Smith, John Q." / "Smith Jr., John" / "Garcia, Jose, Jr." → reorder, the suffix last; but "John Smith, Jr." is a
  // suffix, not a reorder. Each part between commas is read, so no comma is left on a name ("Hi Jose,").
  if (text.includes(',')) {
    const parts = text.split(',').map((part) => part.trim()).filter((part) => part.length > 0);
    const suffixParts = parts.filter((part, index) => index > 0 && isSuffix(part));
    const names = parts.filter((part) => !suffixParts.includes(part));
    const [surname, ...given] = names;
    text = [...given, surname ?? '', ...suffixParts].join(' ').trim();
  }
  let tokens = text.split(' ').map((token) => token.replace(/,+$/, '')).filter((token) => token.length > 0);
  // "Mr. and Mrs. John Smith"
  let titled = false;
  while (tokens.length > 1 && (isHonorific(tokens[0] ?? '') || (/^(&|and)$/i.test(tokens[0] ?? '') && tokens.length > 2))) {
    titled = true;
    tokens = tokens.slice(1);
  }
  const suffixes: string[] = [];
  while (tokens.length > 1 && isSuffix(tokens[tokens.length - 1] ?? '')) {
    const suffix = tokens.pop() ?? '';
    if (!DROPPED_SUFFIXES.has(bare(suffix))) suffixes.unshift(suffix);
  }
  // "Mrs. Smith", "Mr. & Mrs. Smith": a title goes with the surname.
  if (tokens.length === 1 && titled) return { firstName: null, lastName: [tidyCase(tokens[0] ?? ''), ...suffixes].join(' ') };
  if (tokens.length === 1) return { firstName: tidyCase(tokens[0] ?? ''), lastName: suffixes.length ? suffixes.join(' ') : null };

  // Couples: "John & Mary Smith", "John and Mary Smith" → first "John & Mary".
  const conjunction = tokens.findIndex((token) => token === '&' || token.toLowerCase() === 'and');
  // Two first names and no surname: "John & Mary".
  if (conjunction === 1 && tokens.length === 3 && suffixes.length === 0) {
    return { firstName: `${tidyCase(tokens[0] ?? '')} & ${tidyCase(tokens[2] ?? '')}`, lastName: null };
  }
  // Two whole names: "John Smith & Mary Jones" → the first person.
  if (conjunction > 1 && tokens.length - conjunction > 2) return splitFullName(tokens.slice(0, conjunction).join(' '));
  let firstTokens: string[];
  let lastTokens: string[];
  if (conjunction > 0 && conjunction < tokens.length - 2) {
    firstTokens = tokens.slice(0, conjunction + 2).map((token) => (token.toLowerCase() === 'and' ? '&' : token));
    lastTokens = tokens.slice(conjunction + 2);
  } else {
    let lastStart = tokens.length - 1;
    while (lastStart > 1 && PARTICLES.has((tokens[lastStart - 1] ?? '').toLowerCase())) lastStart--;
    firstTokens = [tokens[0] ?? ''];
    lastTokens = tokens.slice(lastStart);
  }
  const lastName = [
    ...lastTokens.map((token, index) =>
      // A particle is lower-cased when typed all in one case ("JUAN DE LA CRUZ"); as the person capitalised it, it stays
      // ("Martin Van Buren", "John St. James": "st. James" read as a typo).
      index < lastTokens.length - 1 && PARTICLES.has(token.toLowerCase()) && !isCapitalised(token) ? token.toLowerCase() : tidyCase(token),
    ),
    ...suffixes,
  ].join(' ');
  return { firstName: firstTokens.map(tidyCase).join(' ') || null, lastName: lastName || null };
}

/** "Van", "St.": a capital, then lower case only. */
const isCapitalised = (token: string): boolean => /^\p{Lu}[\p{Ll}.']*$/u.test(token) && token.length > 1;

function bare(token: string): string {
  return token.toLowerCase().replace(/\./g, '');
}
function isHonorific(token: string): boolean {
  return HONORIFICS.has(bare(token));
}
function isSuffix(token: string): boolean {
  return SUFFIXES.has(bare(token));
}

// Made once: a regular expression literal is a new object each time it is evaluated, and tidyCase runs for each name
// and city of an import.
const ROMAN_NUMERAL = /^[ivx]+$/i;
const WORD_START = /(^|[\s'\-])(\p{L})/gu;
const capitalised = (_: string, lead: string, letter: string) => lead + letter.toUpperCase();

/**
 * Whether `value` has a lower-case and an upper-case letter: `value !== value.toUpperCase() && value !==
 * value.toLowerCase()`, without making both copies for the usual name ("José", "Austin"). Past ASCII, that very test.
 */
function isMixedCase(value: string): boolean {
  let hasLower = false;
  let hasUpper = false;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code >= 97 && code <= 122) hasLower = true;
    else if (code >= 65 && code <= 90) hasUpper = true;
    else if (code > 127) return value !== value.toUpperCase() && value !== value.toLowerCase();
    if (hasLower && hasUpper) return true;
  }
  return false;
}

/**
 * "JOHN" / "john" → "John", "O'BRIEN" → "O'Brien", "mary-jane" → "Mary-Jane"; mixed case
 * ("McDonald", "DeLuca") is left alone because the person typed it that way on purpose.
 */
export function tidyCase(value: string): string {
  if (isMixedCase(value)) return value;
  if (ROMAN_NUMERAL.test(value) && isSuffix(value)) return value.toUpperCase(); // "iii" → "III"
  return value.toLowerCase().replace(WORD_START, capitalised);
}

/** Words a split drops on purpose and that say nothing of who the customer is. */
const SAID_NOTHING = new Set(['and', 'the', 'family', 'household', 'residence']);

/**
 * Whether splitting dropped a word of the name as written ("Jose Luis Garcia Lopez" → Jose / Lopez: a second surname
 * lost without a trace; "John Smith & Mary Jones" → John Smith). Titles, suffixes and initials do not count.
 */
export function dropsNameWords(written: string, kept: readonly (string | null)[]): boolean {
  const words = (text: string) => text.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  const keptWords = new Set(kept.flatMap((part) => (part ? words(part) : [])));
  return words(written).some((word) => word.length > 1 && !keptWords.has(word) && !SAID_NOTHING.has(word) && !isHonorific(word) && !isSuffix(word));
}
