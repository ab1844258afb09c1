# ruleid: import-pickle
import pickle
# ruleid: import-pickle
import cPickle as pickle
# ruleid: import-pickle
from dill import loads
# ruleid: import-pickle
import shelve, json
# ruleid: import-pickle
from pickle import dumps, loads
# ruleid: import-pickle
from six.moves import cPickle
# ok: import-pickle
from pickle import dumps, HIGHEST_PROTOCOL
# ok: import-pickle
import pickletools
# ok: import-pickle
import jsonpickle_helpers
# ok: import-pickle
from .pickle import local_loader


def dynamic():
    # ruleid: import-pickle
    return __import__("pickle")
