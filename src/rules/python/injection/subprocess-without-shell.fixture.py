import subprocess
from subprocess import check_output as capture, run


def tools(path, argv, flag):
    # ruleid: subprocess-without-shell
    subprocess.check_call(["/usr/bin/qemu-img", "info", path])
    # ruleid: subprocess-without-shell
    capture(argv)
    # ruleid: subprocess-without-shell
    run(args=["/bin/true"], check=True)
    # ruleid: subprocess-without-shell
    subprocess.Popen(argv, shell=False)
    # ruleid: subprocess-without-shell
    subprocess.call(argv, shell=None)
    # ruleid: subprocess-without-shell
    subprocess.run(**flag)
    # ruleid: subprocess-without-shell
    subprocess.call(
        argv,
        shell=0,
    )
    # ok: subprocess-without-shell
    subprocess.call(argv, shell=True)
    # ok: subprocess-without-shell
    subprocess.call(argv, shell=flag)
    # ok: subprocess-without-shell
    subprocess.getstatusoutput("uptime")
    # ok: subprocess-without-shell
    runner.run(argv)
    # ok: subprocess-without-shell
    subprocess.call(["/bin/sync"])  # nosec B603
