import os
import subprocess


def convert(pdf_file, cmd):
    # ruleid: python-subprocess-shell
    status = subprocess.call(cmd, shell=True)
    # ruleid: python-subprocess-shell
    out = subprocess.check_output("ls " + pdf_file, cwd="/tmp", shell=True)
    # ok: python-subprocess-shell
    subprocess.run(["ls", pdf_file], shell=False)
    # ruleid: python-os-command
    text = os.popen("/usr/bin/pdftotext \"%s\" -" % pdf_file).read()
    # ruleid: python-os-command
    os.system(cmd)
    # ok: python-os-command
    os.system("clear")
    # ruleid: python-os-command
    os.system("ls " + input())
    return status, out, text
