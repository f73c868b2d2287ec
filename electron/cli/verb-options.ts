import { CliUsageError } from './output';

/**
 * One option list parses every verb of a command, so an option the verb does not use is refused here (exit 2),
 * never ignored: `company set --location-id …` exited 0 having changed nothing, and `optout add --id 77` or
 * `lead get --id 9 --phone 555` ran as if the extra option were not there. So is a word the verb does not take.
 */
export function refuseUnusedOptions(
  command: string,
  verb: string | undefined,
  given: { values: Record<string, unknown>; positionals?: readonly string[] },
  allowed: { options: Record<string, readonly string[]>; positionals?: Record<string, number> },
  usage: string,
): void {
  const options = allowed.options[verb ?? ''];
  if (!options) return; // an unknown verb: the command says so
  const unused = Object.keys(given.values).filter((option) => !options.includes(option) && given.values[option] !== undefined);
  if (unused.length > 0) throw new CliUsageError(`rlm ${command} ${verb} does not take ${unused.map((option) => `--${option}`).join(', ')}.\n${usage}`);
  const extra = (given.positionals ?? []).slice(allowed.positionals?.[verb ?? ''] ?? 0);
  if (extra.length > 0) throw new CliUsageError(`rlm ${command} ${verb} does not take "${extra.join(' ')}".\n${usage}`);
}
