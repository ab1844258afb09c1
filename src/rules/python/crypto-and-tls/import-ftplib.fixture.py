# ruleid: import-ftplib
import ftplib
# ruleid: import-ftplib
from ftplib import FTP
# ruleid: import-ftplib
from ftplib import FTP_TLS, FTP
# ok: import-ftplib
from ftplib import FTP_TLS
# ok: import-ftplib
from ftplib import error_perm, all_errors
# ok: import-ftplib
import ftputil_helpers
