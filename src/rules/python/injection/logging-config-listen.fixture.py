import logging.config
from logging import config as logconfig
from logging.config import listen


def start(port, check):
    # ruleid: logging-config-listen
    logging.config.listen(port)
    # ruleid: logging-config-listen
    logconfig.listen()
    # ruleid: logging-config-listen
    listen(9030, verify=None)
    # ok: logging-config-listen
    logging.config.listen(port, verify=check)
    # ok: logging-config-listen
    listen(9030, check)
    # ok: logging-config-listen
    logging.config.dictConfig({"version": 1})
    # ok: logging-config-listen
    server.listen(port)
