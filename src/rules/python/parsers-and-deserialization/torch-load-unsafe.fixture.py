import torch
from torch import load as torch_load
import torch.serialization as ser


def restore(model, path, trusted):
    # ruleid: torch-load-unsafe
    model.load_state_dict(torch.load(path))
    # ruleid: torch-load-unsafe
    state = torch_load(path, map_location="cpu")
    # ruleid: torch-load-unsafe
    state = ser.load(path, weights_only=False)
    # ruleid: torch-load-unsafe
    state = torch.load(path, weights_only=trusted)
    # ok: torch-load-unsafe
    state = torch.load(path, weights_only=True)
    # ok: torch-load-unsafe
    state = torch.load(path, map_location="cpu", weights_only=True)
    # ok: torch-load-unsafe
    torch.utils.cpp_extension.load(name="ext", sources=[])
    # ok: torch-load-unsafe
    torch.save(state, path)
    return state
