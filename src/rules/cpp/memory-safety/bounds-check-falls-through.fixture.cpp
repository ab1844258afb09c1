// Fixture for bounds-check-falls-through: failure branches that log or close and then let the copy run.
#include <cstring>

void Stream::take(char *out, quint64 size)
{
    if (Q_UNLIKELY(quint64(m_buffer.size() - m_offset) < size)) {
        qCWarning(lcStream) << "short frame";
        dropConnection(Stream::ProtocolError);
    }
    // ruleid: bounds-check-falls-through
    memcpy(out, m_buffer.constData() + m_offset, size);
    m_offset += size;
}

void Stream::takeChecked(char *out, quint64 size)
{
    if (quint64(m_buffer.size() - m_offset) < size) {
        qCWarning(lcStream) << "short frame";
        dropConnection(Stream::ProtocolError);
        return;
    }
    // ok: bounds-check-falls-through
    memcpy(out, m_buffer.constData() + m_offset, size);
    m_offset += size;
}

void Stream::takeClamped(char *out, quint64 size)
{
    if (quint64(m_buffer.size() - m_offset) < size) {
        qCDebug(lcStream) << "clamping";
        size = quint64(m_buffer.size() - m_offset);
    }
    // ok: bounds-check-falls-through
    memcpy(out, m_buffer.constData() + m_offset, size);
    m_offset += size;
}

void Stream::fill(uchar *row, int width, int stride)
{
    if (width > stride)
        STREAM_WARN() << "row wider than stride";
    // ruleid: bounds-check-falls-through
    memset(row, 0, width);
}

void Stream::fatalOnShort(char *out, int need, int have)
{
    if (have < need)
        qFatal("short read");
    // ok: bounds-check-falls-through
    memcpy(out, m_data, need);
}

void Stream::statsOnly(char *out, int need, int have)
{
    if (have < need)
        ++m_shortReads;
    // ok: bounds-check-falls-through
    memcpy(out, m_data, have);
}

void Stream::unrelated(char *out, int need, int count)
{
    if (count > 10)
        qWarning("many frames");
    // ok: bounds-check-falls-through
    memcpy(out, m_data, need);
}
