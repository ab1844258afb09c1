import paramiko
from paramiko import SSHClient


def remote(host, path, client):
    ssh = SSHClient()
    ssh.connect(host)
    # ruleid: paramiko-exec-command
    ssh.exec_command("rm -rf " + path)
    # ruleid: paramiko-exec-command
    stdin, stdout, stderr = client.exec_command(command=f"ls {path}")
    # ruleid: paramiko-exec-command
    client.exec_command("uptime")
    # ok: paramiko-exec-command
    client.open_sftp().remove(path)
    # ok: paramiko-exec-command
    client.exec_command_later("uptime")
    # ok: paramiko-exec-command
    ssh.exec_command("uptime")  # nosec B601
