/**
 * Whether two records at one phone or email name the same person: a household shares a landline, a family an email.
 * Its own file: the import's writer thread reads it, and must not load the phone parser.
 */

/** A first name as compared: letters only, lower case, accents gone. */
const nameKey = (name: string | null) =>
  (name ?? '')
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();

/** The same person's name, or one of them missing: equal, an initial of the other, or the other begins with it ("Ann", "Annie"). */
function isSameName(a: string | null, b: string | null): boolean {
  const [x, y] = [nameKey(a), nameKey(b)];
  if (x === '' || y === '' || x === y) return true;
  const [shorter, longer] = x.length <= y.length ? [x, y] : [y, x];
  return shorter.length === 1 ? longer.startsWith(shorter) : shorter.length >= 3 && longer.startsWith(shorter);
}

/**
 * Unless both have a first name and those differ ("Kim" beside "Ann"): the same person. An initial, or a name the other
 * begins with ("Ann" and "Annie"), is the same person's. Last names are not compared: one first name at one number under
 * two last names is more often a name changed by marriage than two people.
 */
export function isSamePerson(a: { firstName: string | null }, b: { firstName: string | null }): boolean {
  return isSameName(a.firstName, b.firstName);
}
