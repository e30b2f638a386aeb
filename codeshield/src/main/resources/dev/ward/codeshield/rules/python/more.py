import os
import subprocess
import tempfile

import requests
from flask import request


def ping():
    host = request.args.get("host")
    # ruleid: python-flask-injection
    os.system("ping -c 1 " + host)
    # ok: python-flask-injection
    subprocess.run(["ping", "-c", "1", shlex.quote(host)])
    # ok: python-flask-injection
    os.system("uptime")


def fetch(url):
    # ruleid: python-tls-verification-disabled
    r = requests.get(url, verify=False)
    # ok: python-tls-verification-disabled
    s = requests.get(url, timeout=5)
    # ruleid: python-insecure-temp-file
    path = tempfile.mktemp()
    return r, s, path


def interactive():
    # A script reading its own terminal is not a web request (python-os-command covers the call).
    target = input("host: ")
    # ok: python-flask-injection
    subprocess.call(["ping", "-c", "1", target])


def unverified(host):
    context = ssl.create_default_context()
    # ok: python-tls-verification-disabled
    context.check_hostname = False
    # ruleid: python-tls-verification-disabled
    context.verify_mode = ssl.CERT_NONE
    names_only = ssl.create_default_context()
    # ruleid: python-tls-verification-disabled
    names_only.check_hostname = False
    return context, names_only
