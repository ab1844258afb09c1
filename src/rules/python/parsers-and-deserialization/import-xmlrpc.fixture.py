# ruleid: import-xmlrpc
import xmlrpc.client
# ruleid: import-xmlrpc
from xmlrpc.server import SimpleXMLRPCServer
# ruleid: import-xmlrpc
import xmlrpclib
# ruleid: import-xmlrpc
from six.moves import xmlrpc_client
# ok: import-xmlrpc
import xmlrpc_helpers
# ok: import-xmlrpc
import jsonrpc
# ok: import-xmlrpc
import SimpleXMLRPCServer
