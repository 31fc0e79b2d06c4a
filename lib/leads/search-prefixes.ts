/** How many words of a search are used: each one is an index range scan, and nobody types more to find a lead. */
const MAX_WORDS = 5;

/**
 * The prefixes a lead must match to be found by `query`, split the way lead_search_terms_of() (migration 0006)
 * splits names and e-mails: lower case, on anything that is not a letter or digit. A phone number, however
 * written ("933 44 556", "+47 933 44 556"), becomes one run of digits, which prefixes the stored digit terms.
 */
export function searchPrefixesOf(query: string): string[] {
  const trimmed = query.trim();
  if (/^\+?[\d\s().-]{3,}$/.test(trimmed)) return [trimmed.replace(/\D/g, "")];
  const words = trimmed
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return [...new Set(words)].slice(0, MAX_WORDS);
}

/** The smallest string greater than every string that starts with `prefix`, in byte ("C") order. */
export function prefixUpperBound(prefix: string): string {
  return `${prefix}\u{10FFFF}`;
}
