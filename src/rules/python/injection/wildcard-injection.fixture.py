import os
import subprocess as sp


def clean(directory, flag):
    os.chdir(directory)
    # ruleid: wildcard-injection
    os.system("chown nova:nova *")
    # ruleid: wildcard-injection
    os.popen("/bin/tar czf /backup/all.tgz *.conf")
    # ruleid: wildcard-injection
    sp.call("cd /srv && rsync -a * backup:/srv", shell=True)
    # ruleid: wildcard-injection
    sp.Popen(["chmod 600 *"], shell=flag)
    # ok: wildcard-injection
    os.system("chown nova:nova ./*")
    # ok: wildcard-injection
    os.system("chmod 600 /etc/nova/*")
    # ok: wildcard-injection
    os.system("tar czf out.tgz '*'")
    # ok: wildcard-injection
    os.system("start_service *")
    # ok: wildcard-injection
    sp.Popen("chown nova *")
    # ok: wildcard-injection
    sp.Popen(["chown", "nova", "*"], shell=False)
    # ok: wildcard-injection
    sp.Popen(["ls", "*"], shell=True)
    # ok: wildcard-injection
    os.system("tar czf out.tgz data")
