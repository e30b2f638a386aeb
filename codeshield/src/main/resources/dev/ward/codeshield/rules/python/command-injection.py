import asyncio
import os
import os as operating_system
import subprocess
import subprocess as sp
from subprocess import Popen, check_output


def convert(pdf_file, cmd):
    # ruleid: python-subprocess-shell
    status = subprocess.call(cmd, shell=True)
    # ruleid: python-subprocess-shell
    out = subprocess.check_output("ls " + pdf_file, cwd="/tmp", shell=True)
    # ok: python-subprocess-shell
    subprocess.run(["ls", pdf_file], shell=False)
    # ok: python-subprocess-shell
    subprocess.run("ls -l /tmp", shell=True)
    # ruleid: python-subprocess-shell
    process = Popen(cmd, shell=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    # ruleid: python-subprocess-shell
    results = check_output(f"grep {pdf_file} index.txt", shell=True, stderr=subprocess.STDOUT).rstrip()
    # ruleid: python-subprocess-shell
    sp.run(cmd, shell=True, check=True)
    # ruleid: python-subprocess-shell
    subprocess.Popen(args=cmd, shell=True)
    # ruleid: python-os-command
    text = os.popen("/usr/bin/pdftotext \"%s\" -" % pdf_file).read()
    # ruleid: python-os-command
    os.system(cmd)
    # ok: python-os-command
    os.system("clear")
    # ruleid: python-os-command
    os.system("ls " + input())
    # ruleid: python-os-command
    listing = subprocess.getoutput("ls " + pdf_file)
    # ruleid: python-os-command
    operating_system.system(cmd)
    return status, out, text, process, results, listing


async def run_async(cmd):
    # ruleid: python-subprocess-shell
    proc = await asyncio.create_subprocess_shell(cmd, stdout=asyncio.subprocess.PIPE)
    # ok: python-subprocess-shell
    proc2 = await asyncio.create_subprocess_exec("ls", "-l", cmd)
    loop = asyncio.get_running_loop()
    # ruleid: python-subprocess-shell
    transport, _ = await loop.subprocess_shell(asyncio.SubprocessProtocol, cmd)
    return proc, proc2, transport


def imported(json_dict, x):
    from os import popen, system as run
    # ruleid: python-os-command
    outfile = popen(json_dict[str(x)]["command"])
    # ruleid: python-os-command
    run("rm -rf " + x)
    # ok: python-os-command
    run("true")
    return outfile
