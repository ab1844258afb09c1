import ftplib
from ftplib import FTP


def transfer(host, user, password):
    # ruleid: ftp-client
    plain = ftplib.FTP(host)
    # ruleid: ftp-client
    other = FTP(host, user, password)
    # ok: ftp-client
    secure = ftplib.FTP_TLS(host)
    secure.login(user, password)
    secure.prot_p()
    return plain, other
