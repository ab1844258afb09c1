import flask
from markupsafe import Markup, escape
from markupsafe import Markup as Html


def greeting(name, comment):
    # ruleid: markupsafe-markup-xss
    hello = Markup("<p>Hello " + name + "</p>")
    # ruleid: markupsafe-markup-xss
    raw = Html(comment)
    # ruleid: markupsafe-markup-xss
    legacy = flask.Markup(f"<p>{comment}</p>")
    # ok: markupsafe-markup-xss
    fmt = Markup("<p>Hello {}</p>").format(name)
    # ok: markupsafe-markup-xss
    escaped = Markup("<p>" + escape(comment) + "</p>")
    # ok: markupsafe-markup-xss
    literal = Markup("<br>")
    # ok: markupsafe-markup-xss
    text = escape(comment)
    return hello, raw, legacy, fmt, escaped, literal, text
