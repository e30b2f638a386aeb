import pickle
import pickle as pkl
import yaml
from dill import loads as dill_loads
from yaml import load, Loader


def load_all(PATH, config_example_stream, blob, fobj):
    # ruleid: python-unsafe-deserialization
    categories = pickle.load(open(PATH + 'categories.pickle', 'rb'))
    # ruleid: python-unsafe-deserialization
    obj = pickle.loads(blob)
    # ok: python-unsafe-deserialization
    data = json.loads(blob)
    # ok: python-unsafe-deserialization
    copy = pickle.loads(pickle.dumps(obj, 2))
    dumped = marshal.dumps(obj)
    # ok: python-unsafe-deserialization
    again = marshal.loads(dumped)
    # ruleid: python-unsafe-deserialization
    other = pickle.loads(blob.dumps())
    # ruleid: python-unsafe-deserialization
    state = pkl.load(fobj)
    # ruleid: python-unsafe-deserialization
    restored = dill_loads(blob)
    # ruleid: python-unsafe-deserialization
    json_resp = jsonpickle.decode(blob)
    # ruleid: python-unsafe-deserialization
    badwords = shelve.open("badwords.db", writeback=True)
    # ruleid: python-unsafe-deserialization
    model = torch.load(PATH)
    # ok: python-unsafe-deserialization
    weights = torch.load(PATH, weights_only=True)
    # ruleid: python-unsafe-deserialization
    arrays = np.load(PATH, allow_pickle=True)
    # ok: python-unsafe-deserialization
    plain = np.load(PATH)
    # ruleid: python-unsafe-deserialization
    unpickled = pickle.Unpickler(fobj).load()
    return categories, obj, data, copy, again, other, state, restored, json_resp, badwords


def local_import(blob):
    from pickle import loads
    # ruleid: python-unsafe-deserialization
    return loads(blob)


def configs(config_example_stream):
    # ruleid: python-unsafe-yaml-load
    config = yaml.load(config_example_stream, Loader=yaml.Loader)
    # ruleid: python-unsafe-yaml-load
    config = yaml.load(config_example_stream)
    # ruleid: python-unsafe-yaml-load
    config = yaml.unsafe_load(config_example_stream)
    # ruleid: python-unsafe-yaml-load
    config_dict_example = load(config_example_stream, Loader=Loader)
    # ok: python-unsafe-yaml-load
    safe = yaml.load(config_example_stream, Loader=yaml.SafeLoader)
    # ok: python-unsafe-yaml-load
    safer = yaml.safe_load(config_example_stream)
    # ok: python-unsafe-yaml-load
    json_config = json.load(config_example_stream)
    return config, config_dict_example, safe, safer, json_config
