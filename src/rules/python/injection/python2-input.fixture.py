import sys


def ask_port():
    # ruleid: python2-input
    port = input("Port: ")
    print "using port", port
    return port


def ask_host(prompt):
    # ruleid: python2-input
    return input(prompt)


def ask_name():
    # ok: python2-input
    return raw_input("Name: ")


class Console(object):
    def input(self, prompt):
        return sys.stdin.readline()

    def ask(self):
        # ok: python2-input
        return self.input("> ")


def ask_local():
    def input(prompt):
        return prompt

    # ok: python2-input
    return input("Local: ")
