import shlex
import subprocess

from oslo_concurrency import processutils


def start_console(port, console_cmd, pid_file):
    args = ['socat', '-L%s' % pid_file]
    args.append('TCP4-LISTEN:%d,reuseaddr,fork' % port)
    # ruleid: argument-option-injection
    args.append('EXEC:"%s",pty,stderr' % console_cmd)
    return subprocess.Popen(args, stderr=subprocess.PIPE)


def start_console_quoted(port, console_cmd):
    args = ['socat', 'TCP4-LISTEN:%d,reuseaddr,fork' % port]
    # ok: argument-option-injection
    args.append('EXEC:"%s",pty,stderr' % shlex.quote(console_cmd))
    return subprocess.Popen(args)


def add_manager(uri, timeout):
    # ruleid: argument-option-injection
    cmd = ['ovs-vsctl', '--timeout=%d' % timeout, 'create', 'Manager', f'target="{uri}"']
    processutils.execute(*cmd)


def tunnel(host, jump):
    processutils.execute('ssh', '-o',
                         # ruleid: argument-option-injection
                         'ProxyCommand="ssh -W %%h:%%p {}"'.format(jump), host)


def plain_arguments(name, size):
    # Values formatted without quotes: their syntax is the program's business, not judged here.
    # ok: argument-option-injection
    processutils.execute('qemu-img', 'create', '-f', 'qcow2', '/var/lib/%s' % name, '%dG' % size)


def shell_string(name):
    # A shell command line is command-injection's business.
    # ok: argument-option-injection
    subprocess.call('echo "%s"' % name, shell=True)


def literal():
    # ok: argument-option-injection
    subprocess.call(['logger', 'EXEC:"%s"' % 'fixed'])


def _escape_console_cmd(cmd):
    return cmd.replace('\\', '\\\\').replace('"', '\\"').replace(',', '\\,')


def start_console_escaped(console_cmd):
    escaped_cmd = _escape_console_cmd(console_cmd)
    # ok: argument-option-injection
    return subprocess.Popen(['socat', 'STDIO', 'EXEC:"%s",pty' % escaped_cmd])
