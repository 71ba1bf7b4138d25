import uFuzzy from '@leeoniya/ufuzzy';
import type { SearchRow } from '../../shared/ipc-types.js';

/** How many out-of-order word permutations to try: "adm prod" finds "prod … Admin". */
const OUT_OF_ORDER = 3;

/** Rows ordered for an empty query: favourites, then recents (latest first), then everything by account and role. */
export function defaultOrder(rows: readonly SearchRow[]): SearchRow[] {
  const rank = (row: SearchRow) => (row.favourite ? 0 : row.recent !== null ? 1 : 2);
  return [...rows].sort(
    (a, b) => rank(a) - rank(b) || (a.recent ?? 0) - (b.recent ?? 0) || a.accountName.localeCompare(b.accountName) || a.roleName.localeCompare(b.roleName),
  );
}

/** Fuzzy matching over account name, id, email and role name, and a chained role's source (uFuzzy), several words narrowing together. */
export class RowMatcher {
  readonly #fuzzy = new uFuzzy({ intraMode: 1, intraIns: 1 });
  readonly #haystack: string[];
  readonly #ordered: SearchRow[];
  /** The last query and its matches: typing on narrows those instead of all rows. */
  #last: { needle: string; indexes: number[] } | undefined;

  constructor(private readonly rows: readonly SearchRow[]) {
    // A chained role is found by its name, its target account and role, what it starts from, and the word "chained".
    this.#haystack = rows.map(
      (row) => `${row.accountName} ${row.roleName} ${row.accountId} ${row.email}${row.chainedFrom === null ? '' : ` chained ${row.chainedFrom}`}`,
    );
    this.#ordered = defaultOrder(rows);
  }

  /** The rows matching the query, best first; every row, in default order, for an empty query. */
  match(query: string): SearchRow[] {
    const needle = query.trim();
    if (needle === '') {
      this.#last = undefined;
      return this.#ordered;
    }
    const narrowing = this.#last && needle.startsWith(this.#last.needle) ? this.#last.indexes : null;
    // Words in the order typed first; the permutations ("adm prod") only when that finds nothing, as they cost several searches.
    let [indexes, info, order] = this.#fuzzy.search(this.#haystack, needle, 0, undefined, narrowing);
    if (!indexes || indexes.length === 0) [indexes, info, order] = this.#fuzzy.search(this.#haystack, needle, OUT_OF_ORDER, undefined, narrowing);
    this.#last = indexes ? { needle, indexes } : undefined;
    if (!indexes) return [];
    // Past uFuzzy's ranking threshold there is no order: keep the haystack's.
    const ranked = info && order ? order.map((position) => info.idx[position]!) : indexes;
    return ranked.map((index) => this.rows[index]!);
  }
}
