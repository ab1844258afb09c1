import xml.sax.expatreader
from xml.sax import expatreader as reader_mod
from defusedxml import expatreader as safe_reader


def readers():
    # ruleid: xml-untrusted-parse-expatreader
    first = xml.sax.expatreader.create_parser()
    # ruleid: xml-untrusted-parse-expatreader
    second = reader_mod.create_parser()
    # ok: xml-untrusted-parse-expatreader
    third = safe_reader.create_parser()
    return first, second, third
