import pickle
import pickle as pkl
import dill
import shelve
import jsonpickle
import pandas as pd
from cPickle import loads as unpickle_text
from six.moves import cPickle
from pickle import *


def load_all(blob, stream, path, text):
    # ruleid: pickle-deserialization
    pickle.loads(blob)
    # ruleid: pickle-deserialization
    pkl.load(stream)
    # ruleid: pickle-deserialization
    unpickle_text(blob)
    # ruleid: pickle-deserialization
    cPickle.loads(blob)
    # ruleid: pickle-deserialization
    pickle.Unpickler(stream).load()
    # ruleid: pickle-deserialization
    dill.loads(blob)
    # ruleid: pickle-deserialization
    shelve.open(path)
    # ruleid: pickle-deserialization
    jsonpickle.decode(text)
    # ruleid: pickle-deserialization
    pd.read_pickle(path)
    # ok: pickle-deserialization
    clone = pickle.loads(pickle.dumps(blob))
    # ok: pickle-deserialization
    pickle.dumps(blob)
    # ok: pickle-deserialization
    jsonpickle.encode(blob)
    # ruleid: pickle-deserialization
    Unpickler(stream).load()
    return clone


def loads(data):
    return data.split(",")


def parse(text):
    # ok: pickle-deserialization
    return loads(text)
