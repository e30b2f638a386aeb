import pickle
import yaml


def load(PATH, config_example_stream, Loader, blob):
    # ruleid: python-unsafe-deserialization
    categories = pickle.load(open(PATH + 'categories.pickle', 'rb'))
    # ruleid: python-unsafe-deserialization
    obj = pickle.loads(blob)
    # ok: python-unsafe-deserialization
    data = json.loads(blob)
    # ruleid: python-unsafe-yaml-load
    config = yaml.load(config_example_stream, Loader=Loader)
    # ruleid: python-unsafe-yaml-load
    config = yaml.load(config_example_stream)
    # ok: python-unsafe-yaml-load
    safe = yaml.load(config_example_stream, Loader=yaml.SafeLoader)
    # ok: python-unsafe-yaml-load
    safer = yaml.safe_load(config_example_stream)
    return categories, obj, data, config, safe, safer
