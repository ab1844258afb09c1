// The `pillar` command: argument parsing and exit codes. Everything else is delegated to the library.
import { Command, CommanderError, Option } from 'commander';
import { UsageError } from '../config/errors.js';
import { FORMATS } from '../reporters/index.js';
import { allRules, findRule, rulesForBandit, rulesForCwe, similarRuleIds } from '../rulekit/registry.js';
import { profileOf } from '../rulekit/profiles.js';
import type { Rule } from '../rulekit/types.js';
import { renderRuleDoc } from '../rulekit/ruleDoc.js';
import { cweName, pillarOf } from '../taxonomy/index.js';
import { VERSION } from '../version.js';
import { EXIT, EXIT_HELP } from './exitCodes.js';
import { ENV, EXIT_POST_FAILED, runPostGerrit, type PostGerritFlags } from './postGerrit.js';
import { runReview, type ReviewFlags } from './review.js';
import { DEFAULT_API_KEY_ENV } from '../llm/cliOptions.js';
import { LLM_RULE_ID, renderLlmReviewDoc } from '../llm/pseudoRule.js';

// bin/pillar.js asks it when it saves the code cache.
export { analysedInThisThread } from './review.js';

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

let stdoutGuarded = false;
/**
 * `pillar rules | head`: the reader closes the pipe early, and the next write fails with EPIPE, emitted as an
 * 'error' event that would otherwise end the process with a stack trace. The reader wanted no more, so the error is
 * dropped (and so are later writes' "stream destroyed" errors); the process still ends with the status it computed,
 * so `pillar review … | head` in a pipeline with pipefail still fails on findings.
 */
function quietOnClosedPipe(): void {
  if (stdoutGuarded) return;
  stdoutGuarded = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
    throw error;
  });
}

/** `pillar explain`: a rule id, a Bandit test id (B602: every rule that mirrors it) or a CWE (CWE-78: its rules). */
function explainTargets(id: string): Rule[] {
  const rule = findRule(id);
  if (rule) return [rule];
  if (/^B\d{3}$/i.test(id)) return rulesForBandit(id);
  const cwe = /^(?:CWE-)?(\d+)$/i.exec(id);
  if (cwe) return rulesForCwe(Number(cwe[1]));
  return [];
}

export async function main(argv: string[]): Promise<number> {
  quietOnClosedPipe();
  let exitCode: number = EXIT.clean;
  const program = new Command('pillar')
    .description('Deterministic security code review: every finding with its CWE and CWE-1000 pillar.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .addHelpText('after', EXIT_HELP);

  program.command('review')
    .description('review Python files or directories')
    .argument('[paths...]', 'files or directories (default: .)')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...FORMATS]).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('-c, --config <file>', 'config file (default: .pillar.yml or [tool.pillar] in pyproject.toml, searched up to the repository root; change reviews read it from the base revision)')
    .option('--pillars <ids>', 'CWE-1000 pillars to consider, e.g. 284,664 (default: all ten)')
    .option('--cwe <ids>', 'CWEs to consider (with their descendants), e.g. 639,78')
    .option('--disable <rule-ids>', 'rules to switch off, comma-separated')
    .option('--only <rule-ids>', 'run only these rules, comma-separated')
    .option('--min-severity <level>', 'report only findings at or above: low, medium, high, critical')
    .option('--min-confidence <level>', 'report only findings at or above: low, medium, high (default medium; low with --bandit-compat)')
    .option('--include <glob>', 'files to review in directories (repeatable; default **/*.py, **/*.pyw)', collect)
    .option('--exclude <glob>', 'paths to skip (repeatable; a pattern without / matches any path segment)', collect)
    .option('--max-file-size <bytes>', 'larger files become a diagnostic (default 5242880)')
    .option('-j, --jobs <n>', 'worker threads (default: the number of cores, or the main thread alone for under 2 MB of source; 1 analyses in the main thread)')
    .option('--file-timeout <ms>', 'time limit per file; a slower file becomes a timeout diagnostic (default 30000)')
    .option('--cache-dir <dir>', 'where per-file results are cached (default $XDG_CACHE_HOME/pillar, else ~/.cache/pillar)')
    .option('--no-cache', 'neither read nor write the result cache')
    .option('--no-gitignore', 'also review files that .gitignore excludes')
    .option('--no-suppress', 'show findings suppressed by # nosec / # pillar: ignore comments')
    .option('--profile <name>', 'which rules run: default (what a security reviewer would raise), or bandit to add Bandit-style notices (imports, assert, random, try/except/pass…)')
    .option('--bandit-compat', 'run only the rules that mirror a Bandit test, notices included, at every confidence')
    .option('--no-progress', 'no progress bar on stderr')
    .option('--diff <range>', 'review only what a change introduces: A..B, A...B (from the merge base), or REV against the working tree (e.g. HEAD)')
    .option('--patch <file>', 'review only what a unified diff introduces (- reads it from stdin); files are read from the working tree')
    .option('--context-findings', 'with --diff/--patch, also show pre-existing findings in changed functions (never fail the run)')
    .option('--baseline <file>', 'hide findings recorded in this baseline (matched by fingerprint and count, not line)')
    .option('--write-baseline <file>', 'write the reported findings to a baseline file')
    .option('--gerrit-label <label>', 'with --format gerrit, vote on this label: -1 with new findings, 0 without')
    .option('--timing', 'print on stderr where the analysis time went: the slowest rules, parsing, the model, facts, phase 2 (also PILLAR_TIMING=1); never changes the report')
    .option('--fail-on-diagnostics', 'exit 6 when, without findings, any selected file was not reviewed or only partly reviewed')
    .option('--llm', 'add an LLM second opinion using llm-endpoint/llm-model from the config file (docs/llm.md)')
    .option('--llm-endpoint <url>', 'OpenAI-compatible endpoint for the LLM second opinion, e.g. http://127.0.0.1:8080/v1 (turns it on)')
    .option('--llm-model <name>', 'model name sent to the endpoint')
    .option('--llm-api-key-env <name>', `environment variable holding the API key (default ${DEFAULT_API_KEY_ENV})`)
    .option('--llm-max-tokens-total <n>', 'stop sending once the responses count this many tokens')
    .option('--llm-concurrency <n>', 'LLM requests in flight at once (default 2)')
    .option('--llm-timeout <seconds>', 'limit on connecting, waiting for and reading each LLM request attempt (default 180)')
    .option('--llm-retries <n>', 'retries after 429/5xx/timeouts/dropped connections (default 2)')
    .option('--llm-response-format <mode>', 'json_schema (default), json_object or text; refused formats fall back in that order')
    .option('--llm-commit-message-file <file>', "the change's commit message, shown to the model as intent")
    .option('--llm-record <dir>', 'store every LLM request/response in this directory')
    .option('--llm-replay <dir>', 'answer LLM requests from a recording directory, offline (turns the LLM review on)')
    .option('--llm-show-rejected', 'list the LLM claims that failed verification, and why, on stderr')
    .option('--llm-min-confidence <level>', "drop LLM claims the model rated below low, medium or high (default low)")
    .option('--llm-max-per-file <n>', 'keep at most this many LLM findings per file, the most confident first (default 3)')
    .addHelpText('after', EXIT_HELP)
    .action(async (paths: string[], flags: ReviewFlags) => {
      exitCode = await runReview(paths, flags);
    });

  program.command('post-gerrit')
    .description(`send a ReviewInput (pillar review --format gerrit) to Gerrit's set-review endpoint; credentials from ${ENV.user} and ${ENV.password}; exit ${EXIT_POST_FAILED} when Gerrit refuses or cannot be reached`)
    .argument('[input]', 'the ReviewInput JSON file (- or nothing: standard input)', '-')
    .option('--url <url>', `Gerrit base URL, e.g. https://review.example.org (default: $${ENV.url})`)
    .option('--change <id>', 'change number or project~branch~Change-Id')
    .option('--revision <id>', 'revision (patch set number or commit)', 'current')
    .option('--timeout <seconds>', 'give up after this many seconds (default 60)')
    .action(async (input: string, flags: PostGerritFlags) => {
      exitCode = await runPostGerrit(input, flags);
    });

  program.command('rules')
    .description('list the rules: id, CWE, pillar, severity, confidence, profile (default or bandit), Bandit test')
    .option('--json', 'as JSON')
    .action((flags: { json?: boolean }) => {
      const rows = allRules().map((r) => ({
        id: r.meta.id, cwe: r.meta.cwe, pillar: pillarOf(r.meta.cwe)!, severity: r.meta.severity,
        confidence: r.meta.confidence, bandit: r.meta.bandit ?? null, profile: profileOf(r.meta), summary: r.meta.docs.summary,
      })).sort((a, b) => (a.id < b.id ? -1 : 1));
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      const width = Math.max(...rows.map((r) => r.id.length));
      // Pillar names in full (never cut mid-word), padded to the longest so the columns after them line up.
      const nameWidth = Math.max(...rows.map((r) => cweName(r.pillar).length));
      for (const r of rows) {
        process.stdout.write(`${r.id.padEnd(width)}  CWE-${String(r.cwe).padEnd(4)}  pillar CWE-${r.pillar} ${cweName(r.pillar).padEnd(nameWidth)}  ${r.severity.padEnd(8)} ${r.confidence.padEnd(6)} ${r.profile.padEnd(7)} ${r.bandit ?? ''}`.trimEnd() + '\n');
      }
    });

  program.command('explain')
    .description("print a rule's documentation; a Bandit test id (B602) or a CWE (CWE-78) prints every rule that matches it")
    .argument('<rule-id>')
    .action((id: string) => {
      if (id === LLM_RULE_ID) {
        process.stdout.write(renderLlmReviewDoc());
        return;
      }
      const rules = explainTargets(id);
      if (rules.length === 0 && /^B\d{3}$/i.test(id)) {
        throw new UsageError(`no pillar rule mirrors Bandit test ${id.toUpperCase()} ('pillar rules' shows the Bandit test of each rule)`);
      }
      if (rules.length === 0) {
        const similar = similarRuleIds(id);
        const hint = similar.length > 0 ? `; did you mean ${similar.join(', ')}?` : '';
        throw new UsageError(`unknown rule '${id}'${hint} ('pillar rules' lists them)`);
      }
      process.stdout.write(rules.map((r) => renderRuleDoc(r.meta)).join('\n'));
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.clean : EXIT.usage;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`pillar: ${error.message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`pillar: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    return EXIT.internal;
  }
}
