import pickle
import yaml


def load(PATH, config_example_stream, Loader, blob):
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
    other = pickle.loads(data)
    # ruleid: python-unsafe-yaml-load
    config = yaml.load(config_example_stream, Loader=Loader)
    # ruleid: python-unsafe-yaml-load
    config = yaml.load(config_example_stream)
    # ok: python-unsafe-yaml-load
    safe = yaml.load(config_example_stream, Loader=yaml.SafeLoader)
    # ok: python-unsafe-yaml-load
    safer = yaml.safe_load(config_example_stream)
    return categories, obj, data, config, safe, safer
