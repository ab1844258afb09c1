// Fixture for failure-result-ignored: results that report failure dropped where the out-parameter is read unset or
// the rest of the file tests them, and the calls that test, use or deliberately discard the result.
#include "reader.h"

bool Reader::fetchRecord(Record *out, bool swap)
{
    if (m_source->bytesAvailable() < qint64(sizeof(Record)))
        return false;
    m_source->read(reinterpret_cast<char *>(out), sizeof(Record));
    if (swap)
        out->length = qFromBigEndian(out->length);
    return true;
}

void Reader::start()
{
    Record record;
    // confidence: medium
    // ruleid: failure-result-ignored[outParameter]
    fetchRecord(&record, true);
    m_length = record.length;
}

void Reader::startChecked()
{
    Record record;
    // ok: failure-result-ignored
    if (!fetchRecord(&record, true))
        return;
    m_length = record.length;
}

void Reader::startInitialised()
{
    Record record = {};
    // ok: failure-result-ignored
    fetchRecord(&record, false);
    m_length = record.length;
}

void Reader::skipRecord()
{
    Record scratch;
    // ok: failure-result-ignored
    fetchRecord(&scratch, false);
}

bool Reader::seekTo(qint64 offset)
{
    if (offset < 0 || offset > m_size)
        return false;
    m_pos = offset;
    return true;
}

void Reader::jump(qint64 a, qint64 b, qint64 c, qint64 d)
{
    if (!seekTo(a))
        return;
    if (!seekTo(b))
        return;
    while (seekTo(c) && m_more)
        next();
    // confidence: low
    // ruleid: failure-result-ignored[deviant]
    seekTo(d);
    m_state = Ready;
}

void Reader::rewind()
{
    // ok: failure-result-ignored
    (void)seekTo(0);
    // ok: failure-result-ignored
    const bool moved = seekTo(m_mark);
    m_moved = moved;
}

void Reader::clearAll()
{
    // ok: failure-result-ignored
    m_cache.remove(m_key);
    if (m_cache.remove(m_other))
        emit changed();
    m_cache.remove(m_third);
}

bool Reader::parseSize(const QByteArray &text, int &size)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < 0)
        return false;
    size = value;
    return true;
}

void Reader::applySize(const QByteArray &text)
{
    int size;
    // ruleid: failure-result-ignored[outParameter]
    parseSize(text, size);
    m_buffer.resize(size);
}

void Reader::applySizeByValue(const QByteArray &text, int fallback)
{
    int size = fallback;
    // ok: failure-result-ignored
    parseSize(text, size);
    m_buffer.resize(size);
}

bool Reader::parseColor(const QByteArray &text, QColor &color)
{
    if (text.isEmpty())
        return false;
    color = QColor(QString::fromLatin1(text));
    return true;
}

void Reader::applyColor(const QByteArray &text)
{
    QColor color;
    // ok: failure-result-ignored
    parseColor(text, color);
    m_colors.append(color);
}
