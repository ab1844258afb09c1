// B615: Hugging Face Hub downloads without a pinned commit. A branch or tag can be moved by whoever controls the
// repository, so the model, tokenizer, dataset or file that loads tomorrow may not be the one reviewed today.
import { argument, keywordArg, stringValue, unparenthesize } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';

/** Download functions and the package whose name must appear in the call's qualified name. */
const DOWNLOADERS: ReadonlyMap<string, string> = new Map([
  ['from_pretrained', 'transformers'], ['load_dataset', 'datasets'], ['hf_hub_download', 'huggingface_hub'],
  ['snapshot_download', 'huggingface_hub'], ['repository_id', 'huggingface_hub'],
]);
const HUB_PACKAGES = ['transformers', 'datasets', 'huggingface_hub'];
// A full or abbreviated git commit id; 7 characters is git's default abbreviation.
const COMMIT = /^[0-9a-fA-F]{7,}$/;
const LOCAL_PATH = /^(?:\.\/|\/|\.\.\/)/;

export default defineRule({
  meta: {
    id: 'huggingface-unpinned-download',
    cwe: 494,
    severity: 'medium',
    confidence: 'high',
    languages: ['python'],
    bandit: 'B615',
    banditName: 'huggingface_unsafe_download',
    messages: {
      unpinned: {
        text: '`{call}` downloads from the Hugging Face Hub without a revision, so it takes whatever the default branch holds at run time',
        fix: 'Pin `{call}` to a commit: revision="<40-hex commit id>"',
      },
      floating: {
        text: '`{call}` downloads revision {revision}, a branch or tag that can move; the content is not pinned',
        fix: 'Replace revision={revision} in `{call}` with the commit id it points to today',
      },
    },
    docs: {
      summary: 'Hugging Face Hub download without a pinned commit revision',
      why: 'from_pretrained, load_dataset, hf_hub_download and snapshot_download fetch the default branch unless told otherwise. A compromised or careless repository owner can replace the files behind a branch or tag, and model files can carry code (pickled weights, trust_remote_code), so unpinned downloads run unreviewed content (CWE-494).',
      example: 'from transformers import AutoModel\n\nmodel = AutoModel.from_pretrained("org/model", revision="main")\n',
      useInstead: 'from transformers import AutoModel\n\nmodel = AutoModel.from_pretrained("org/model", revision="3f1c2a9d8e7b6a5c4d3e2f1a0b9c8d7e6f5a4b3c")\n',
      fix: 'Pass revision= (commit_id= for some hub APIs) with the full commit hash you reviewed, and update it deliberately.',
      references: ['https://cwe.mitre.org/data/definitions/494.html', 'https://huggingface.co/docs/huggingface_hub/guides/download#from-specific-version'],
      banditDifferences: 'Same decisions as Bandit (a revision held in a variable is trusted, a hex string of 7+ characters counts as a commit, a first argument starting with ./, ../ or / is a local path). Pillar also recognises the local path and the repository when they are passed by keyword (pretrained_model_name_or_path=, path=, repo_id=), and needs one of the hub packages to be imported, not just a name containing it.',
    },
  },
  create(ctx): Visitors {
    // Only files that import a hub package get a visitor (it would be offered every call of the file).
    if (!HUB_PACKAGES.some((p) => ctx.model.imports.importsModule(p))) return {};
    return {
      call(node) {
        const name = ctx.model.callName(node);
        if (!name) return;
        const parts = name.split('.');
        const wanted = DOWNLOADERS.get(parts[parts.length - 1]!);
        if (!wanted || !parts.includes(wanted)) return;
        const revision = keywordArg(node, 'revision') ?? keywordArg(node, 'commit_id');
        const revisionText = revision ? stringValue(revision) : null;
        // A computed revision may well be a pinned commit from configuration; only literals can be judged.
        if (revision && revisionText === null && unparenthesize(revision).type !== 'none') return;
        if (revisionText !== null && COMMIT.test(revisionText.replace(/["']/g, ''))) return;
        const source = argument(node, 0, 'pretrained_model_name_or_path') ?? keywordArg(node, 'path') ?? keywordArg(node, 'repo_id');
        const sourceText = source ? stringValue(source) : null;
        if (sourceText !== null && LOCAL_PATH.test(sourceText)) return;
        const call = node.childForFieldName('function')!.text;
        if (revisionText === null) ctx.report({ node, messageId: 'unpinned', data: { call } });
        else ctx.report({ node, messageId: 'floating', data: { call, revision: JSON.stringify(revisionText) } });
      },
    };
  },
});
