/**
 * Email normalisation: trims, unwraps "Name <addr>" and "mailto:", rejects obvious junk with a
 * reason. `key` (fully lower-cased) is for duplicate detection; `email` keeps the local part's
 * case (technically significant) with a lower-cased domain. Plus-addresses are kept as typed.
 */
export type EmailResult =
  | { ok: true; email: string; key: string }
  /** `blank`: nothing usable was entered (empty, "N/A", "none"). */
  | { ok: false; reason: string; blank: boolean };

const PLACEHOLDER_VALUES = new Set(['n/a', 'na', 'none', 'null', 'nil', '-', '--', '?', 'unknown', 'no email', 'noemail', 'no', 'x', '0']);
/** Addresses office staff type to get past a required field. */
const PLACEHOLDER_ADDRESS =
  /^(?:none|noemail|no\.?email|no|na|n\/a|nomail|test|email|fake|null|x+|a+|abc|asdf|unknown|donotemail|declined?)@(?:none|noemail|no|na|email|test|fake|null|x+|a+|abc|asdf|example|unknown|gmail|yahoo|hotmail|aol|mail)\.(?:com|net|org)$/;
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+$/i;
const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$/i;
// Made once here, not in normalizeEmail: a regular expression literal is a new object each time it is evaluated
// (56 bytes: V8 copies it), and this runs for each email of an import.
const ANGLE_BRACKETED = /<([^<>]+)>\s*$/;
const MAILTO = /^mailto:/i;
const TRAILING_PUNCTUATION = /[.,;]+$/;
const BETWEEN_TWO_ADDRESSES = /[\s,;/]/;
const WHITESPACE = /\s/;

/**
 * The usual cell: an address typed plain, in lower case ("ann@example.com"). Every test of the reading below passes for
 * it (no space, bracket, "mailto:" or trailing stop; one @; the same local part and domain; the key its own text), but
 * the lengths and the placeholders, asked apart. Read at once: the reading's copies (its split, slices and joined key)
 * were ~0.5 µs an email, and 40k of bench:import's 100k rows have one.
 */
const PLAIN_LOWER_CASE = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$/;

export function normalizeEmail(raw: string): EmailResult {
  if (raw.length <= 254 && PLAIN_LOWER_CASE.test(raw) && raw.indexOf('@') <= 64 && !PLACEHOLDER_ADDRESS.test(raw)) return { ok: true, email: raw, key: raw };
  let text = raw.trim();
  if (text.length === 0 || PLACEHOLDER_VALUES.has(text.toLowerCase())) return { ok: false, reason: 'Email is empty', blank: true };
  const angle = ANGLE_BRACKETED.exec(text);
  if (angle?.[1]) text = angle[1].trim();
  text = text.replace(MAILTO, '').replace(TRAILING_PUNCTUATION, '');

  const atCount = text.split('@').length - 1;
  if (atCount === 0) return invalid('Email is missing the @');
  if (atCount > 1) {
    return invalid(BETWEEN_TWO_ADDRESSES.test(text) ? 'Two email addresses in one cell — keep one' : 'Email has more than one @');
  }
  if (WHITESPACE.test(text)) return invalid('Email contains spaces');
  if (text.length > 254) return invalid('Email is longer than 254 characters');
  const at = text.indexOf('@');
  const local = text.slice(0, at);
  const domain = text.slice(at + 1).toLowerCase();
  if (local.length === 0) return invalid('Email has nothing before the @');
  if (local.length > 64) return invalid('Email has more than 64 characters before the @');
  if (!LOCAL_PART.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return invalid('Email has characters that are not allowed before the @');
  }
  if (domain.length === 0) return invalid('Email has nothing after the @');
  if (!domain.includes('.')) return invalid(`Email domain "${domain}" is incomplete (missing .com?)`);
  if (!DOMAIN.test(domain)) return invalid(`Email domain "${domain}" is not valid`);
  const key = `${local.toLowerCase()}@${domain}`;
  if (PLACEHOLDER_ADDRESS.test(key)) return invalid('Email is a placeholder, not a real address');
  return { ok: true, email: `${local}@${domain}`, key };
}

function invalid(reason: string): EmailResult {
  return { ok: false, reason, blank: false };
}
