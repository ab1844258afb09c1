from flask import Flask

app = Flask(__name__)
admin = Flask("admin")


def main(debug):
    # ruleid: flask-debug-true
    app.run(host="127.0.0.1", port=5000, debug=True)
    admin.run("127.0.0.1",
              # ruleid: flask-debug-true
              debug=True)
    # ok: flask-debug-true
    app.run(host="127.0.0.1", debug=False)
    # ok: flask-debug-true
    app.run(host="127.0.0.1")
    # ok: flask-debug-true
    app.run(debug=debug)
