from datasets import load_dataset
from huggingface_hub import hf_hub_download, snapshot_download
from transformers import AutoTokenizer
import transformers

REVISION = "0123456789abcdef0123456789abcdef01234567"


def fetch(settings):
    # ruleid: huggingface-unpinned-download
    tok = AutoTokenizer.from_pretrained("acme/tokenizer")
    # ruleid: huggingface-unpinned-download
    model = transformers.AutoModelForCausalLM.from_pretrained("acme/llm", revision="release-2")
    # ruleid: huggingface-unpinned-download
    data = load_dataset("acme/corpus", revision="v1.2")
    # ruleid: huggingface-unpinned-download
    path = hf_hub_download(
        repo_id="acme/llm",
        filename="config.json",
    )
    # ruleid: huggingface-unpinned-download
    tree = snapshot_download(repo_id="acme/llm", revision=None)
    # ruleid: huggingface-unpinned-download
    tree = snapshot_download(repo_id="acme/llm", revision="abc12")
    # ok: huggingface-unpinned-download
    tok = AutoTokenizer.from_pretrained("acme/tokenizer", revision="0123456789abcdef0123456789abcdef01234567")
    # ok: huggingface-unpinned-download
    tok = AutoTokenizer.from_pretrained("acme/tokenizer", revision=REVISION)
    # ok: huggingface-unpinned-download
    data = load_dataset("acme/corpus", revision=settings["dataset_revision"])
    # ok: huggingface-unpinned-download
    tok = AutoTokenizer.from_pretrained("./models/tokenizer")
    # ok: huggingface-unpinned-download
    tok = AutoTokenizer.from_pretrained(pretrained_model_name_or_path="/srv/models/tok")
    # ok: huggingface-unpinned-download
    path = hf_hub_download(repo_id="acme/llm", filename="config.json", commit_id="89abcdef")
    # ok: huggingface-unpinned-download
    other = settings.from_pretrained("acme/llm")
    return tok, model, data, path, tree, other
