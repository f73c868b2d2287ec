/**
 * Whether a 10-digit NANP national number ("2128675309") is valid: libphonenumber-js's own answer,
 * without a libphonenumber call per number.
 *
 * `parsePhoneNumberFromString('+1…').isValid()` costs ~10 µs warm and ~30 µs cold (it rebuilds its
 * RegExps on every call); an import met ~7,000 new 7-digit prefixes per 100k rows, a fifth of its
 * CPU. This compiles the same decision once, from the same metadata (`libphonenumber-js/max`), into
 * a few RegExps, so no hand-written NANP rule can drift from the library:
 *   1. the +1 countries are tried in the metadata's order (US first); a country with "leading
 *      digits" (the Caribbean's area codes: 268, 876…) is chosen when they match, one without
 *      (US, CA) when one of its number types matches (getCountryByNationalNumber);
 *   2. the number is valid when it matches the chosen country's national pattern and one of its
 *      types (fixed line, mobile, toll free…) (isValid → getNumberType); with no country chosen,
 *      the calling code's main country (US) decides.
 * tests/unit/import/nanp-validity.test.ts compares it with libphonenumber on ~200k numbers.
 */
import { Metadata } from 'libphonenumber-js/max';

/** The parts of libphonenumber-js's Metadata it uses at run time but does not declare in its types. */
interface TypeDefinition {
  pattern(): string;
  possibleLengths(): number[] | undefined;
}
interface NumberingPlanInternals {
  leadingDigits(): string | number | undefined;
  nationalNumberPattern(): string;
  type(type: string): TypeDefinition | undefined;
}
interface MetadataInternals {
  selectNumberingPlan(country: string): void;
  numberingPlan: NumberingPlanInternals;
  getCountryCodesForCallingCode(callingCode: string): string[] | undefined;
}

/** getNumberType's list: a number is valid when it is one of these. */
const NUMBER_TYPES = ['FIXED_LINE', 'MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'];
const NANP_LENGTH = 10;

interface CountryPlan {
  country: string;
  /** Anchored at the start (libphonenumber: `search(leadingDigits) === 0`); null when the country has none. */
  leadingDigits: RegExp | null;
  /** The national pattern and one of the types, each matched entirely (matchesEntirely). */
  isValid(national: string): boolean;
}

function hasInternals(metadata: unknown): metadata is MetadataInternals {
  const candidate = metadata as Partial<MetadataInternals> | null;
  return typeof candidate?.selectNumberingPlan === 'function' && typeof candidate.getCountryCodesForCallingCode === 'function';
}

const entirely = (pattern: string) => new RegExp(`^(?:${pattern})$`);

function compilePlans(): CountryPlan[] {
  const metadata: unknown = new Metadata();
  if (!hasInternals(metadata)) throw new Error('libphonenumber-js changed its Metadata: NANP validity cannot be compiled (see nanp-validity.ts)');
  const countries = metadata.getCountryCodesForCallingCode('1') ?? [];
  return countries.map((country) => {
    metadata.selectNumberingPlan(country);
    const plan = metadata.numberingPlan;
    const national = entirely(plan.nationalNumberPattern());
    // A type whose possible lengths exclude 10 digits never matches a 10-digit number (isNumberTypeEqualTo).
    const typePatterns = NUMBER_TYPES.map((type) => plan.type(type))
      .filter((definition): definition is TypeDefinition => definition !== undefined && definition.pattern() !== '')
      .filter((definition) => definition.possibleLengths()?.includes(NANP_LENGTH) ?? true)
      .map((definition) => `(?:${definition.pattern()})`);
    const anyType = typePatterns.length > 0 ? entirely(typePatterns.join('|')) : null;
    const leading = plan.leadingDigits();
    return {
      country,
      leadingDigits: typeof leading === 'string' && leading !== '' ? new RegExp(`^(?:${leading})`) : null,
      isValid: (number: string) => anyType !== null && national.test(number) && anyType.test(number),
    };
  });
}

let plans: CountryPlan[] | null = null;

/** `national`: the 10 digits after +1. Same answer as `parsePhoneNumberFromString('+1' + national).isValid()`. */
export function isValidNanpNumber(national: string): boolean {
  plans ??= compilePlans();
  if (national.length !== NANP_LENGTH) return false;
  for (const plan of plans) {
    // A country without leading digits is chosen by its types matching, and then it is valid: asked once, not twice
    // (the US's patterns are long, and this runs for each phone of an import).
    if (plan.leadingDigits === null) {
      if (plan.isValid(national)) return true;
    } else if (plan.leadingDigits.test(national)) return plan.isValid(national);
  }
  // No country claimed it: libphonenumber then validates under the calling code's main country.
  return plans[0]?.isValid(national) ?? false;
}
