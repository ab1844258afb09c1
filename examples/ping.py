import subprocess


def ping(host):
    subprocess.call("ping -c1 " + host, shell=True)
