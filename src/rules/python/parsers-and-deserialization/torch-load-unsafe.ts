// B614: torch.load without weights_only=True. A checkpoint is a pickle; loading one from an untrusted source runs
// whatever code its author put in it.
import { isTrue, keywordArg } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';

const PICKLE_LOADERS = new Set(['torch.load', 'torch.serialization.load']);
const PICKLE_LOADER_NAMES = [...PICKLE_LOADERS];

export default defineRule({
  meta: {
    id: 'torch-load-unsafe',
    cwe: 502,
    severity: 'medium',
    confidence: 'high',
    languages: ['python'],
    bandit: 'B614',
    banditName: 'pytorch_load',
    messages: {
      missing: {
        text: '`{call}` is called without weights_only=True; on PyTorch < 2.6 it unpickles arbitrary objects, so a crafted checkpoint runs code',
        fix: 'Pass weights_only=True to `{call}` (and register safe globals with torch.serialization.add_safe_globals if the checkpoint needs them)',
      },
      disabled: {
        text: '`{call}` is called with weights_only={value}, so it unpickles arbitrary objects and a crafted checkpoint runs code',
        fix: 'Use weights_only=True in `{call}`; load checkpoints that need full pickle only from files you created yourself',
      },
    },
    docs: {
      summary: 'torch.load without weights_only=True',
      why: 'torch.load reads a pickle. Unless weights_only=True restricts it to tensors and plain containers, a checkpoint can contain a __reduce__ that runs any command when loaded (CWE-502). Model files are routinely downloaded from hubs and shared storage.',
      example: 'import torch\n\ndef restore(model, path):\n    model.load_state_dict(torch.load(path))\n',
      useInstead: 'import torch\n\ndef restore(model, path):\n    model.load_state_dict(torch.load(path, weights_only=True))\n',
      fix: 'Pass weights_only=True, or store weights as safetensors and load them with safetensors.torch.load_file.',
      references: ['https://cwe.mitre.org/data/definitions/502.html', 'https://pytorch.org/docs/stable/generated/torch.load.html', 'https://github.com/huggingface/safetensors'],
      banditDifferences: 'Bandit needs a plain `import torch`; pillar resolves any import form (`from torch import load`, `import torch.serialization as ser`). Only the literal True counts as safe in both; a variable is reported, since it can be False.',
    },
  },
  create(ctx): Visitors {
    // A file that can call none of them gets no visitor (it would be offered every call of the file).
    if (!ctx.model.mayCall(PICKLE_LOADER_NAMES)) return {};
    return {
      call(node) {
        const name = ctx.model.callName(node);
        if (!name || !PICKLE_LOADERS.has(name)) return;
        const weightsOnly = keywordArg(node, 'weights_only');
        if (isTrue(weightsOnly)) return;
        if (weightsOnly) ctx.report({ node, messageId: 'disabled', data: { call: name, value: weightsOnly.text } });
        else ctx.report({ node, messageId: 'missing', data: { call: name } });
      },
    };
  },
});
