import type Database from 'better-sqlite3';

type Run = (...args: unknown[]) => unknown;

/**
 * Wraps every transaction function `client.transaction(fn)` makes from now on: `whole` around each
 * call of it and of its variants (`.deferred`, `.immediate`, `.exclusive` — read-only properties of the
 * function better-sqlite3 returns, so a new function carries wrapped ones), `body` around `fn` itself.
 * Drizzle's transactions go through `client.transaction` too.
 */
export function wrapTransactions(client: Database.Database, whole: (run: Run) => Run, body: (fn: Run) => Run = (fn) => fn): void {
  const transaction = client.transaction.bind(client);
  client.transaction = ((fn: Run) => {
    const tx = transaction(body(fn));
    return Object.assign(whole(tx), { default: whole(tx.default), deferred: whole(tx.deferred), immediate: whole(tx.immediate), exclusive: whole(tx.exclusive), database: client });
  }) as typeof client.transaction;
}
