import type { Command } from 'commander';
import { printJson, withSession, type CommandEnv } from '../command-kit.js';
import { renderItems, toItemView } from '../open-items/item-view.js';
import { selectPairs } from '../select-pairs.js';

interface ReviewFlags {
  pair?: string[];
  all?: boolean;
  json?: boolean;
}

/** `client-sync review`: the open items a person must settle, with their ids. No vendor call. */
export function registerReviewCommand(program: Command, env: CommandEnv): void {
  program
    .command('review')
    .description('list what needs a person: conflicts, proposed matches, records a target cannot hold, failed writes (no vendor call)')
    .option('-p, --pair <name...>', 'only these pairs (default: all)')
    .option('--all', 'also the ignored and skipped ones')
    .option('--json', 'print the items as JSON on standard output')
    .addHelpText('after', '\nExamples:\n  client-sync review\n  client-sync review --pair ef-bm --json\n\nThen: resolve, accept, reject, ignore (each with the ids listed here), link, unlink.')
    .action(async (flags: ReviewFlags, command: Command) => {
      await withSession(env, command, (session) => {
        if (flags.pair !== undefined) selectPairs(session.config, flags.pair);
        const store = session.hasStore() ? session.store() : undefined;
        const states = flags.all === true ? (['open', 'dismissed'] as const) : (['open'] as const);
        const items = (store?.items({ states: [...states] }) ?? []).filter((item) => flags.pair === undefined || flags.pair.includes(item.pair));
        const views = items.map(toItemView);
        if (flags.json === true) printJson(env.context, { command: 'review', exitCode: 0, items: views });
        else env.context.out(renderItems(views));
        return Promise.resolve();
      });
    });
}
