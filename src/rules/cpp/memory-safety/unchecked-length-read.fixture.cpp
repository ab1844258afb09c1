// Fixture for unchecked-length-read: copies out of a receive buffer with lengths the function does or does not check.
#include <cstring>
#include "connection.h"

void Connection::take(char *out, quint64 size)
{
    // ruleid: unchecked-length-read
    memcpy(out, m_buffer.constData() + m_pos, size);
    m_pos += size;
}

QByteArray Connection::takeBytes(quint64 size)
{
    // ruleid: unchecked-length-read
    QByteArray res(m_buffer.constData() + m_pos, int(size));
    m_pos += size;
    return res;
}

QString Record::name(const QByteArray &record)
{
    const int len = record.at(0);
    // ruleid: unchecked-length-read
    return QString::fromLatin1(record.constData() + 1, len);
}

void Connection::takeChecked(char *out, quint64 size)
{
    if (size > quint64(m_buffer.size() - m_pos))
        return;
    // ok: unchecked-length-read
    memcpy(out, m_buffer.constData() + m_pos, size);
    m_pos += size;
}

QByteArray Connection::takeAvailable(qint64 wanted)
{
    const qint64 size = qMin(wanted, qint64(m_buffer.size()) - m_pos);
    // ok: unchecked-length-read
    QByteArray res(m_buffer.constData() + m_pos, int(size));
    m_pos += size;
    return res;
}

void Header::copyFixed(char *out)
{
    // ok: unchecked-length-read
    memcpy(out, m_raw.constData(), sizeof(Header));
}

// The whole container: its own size is the length.
QByteArray Packet::copy(const QByteArray &payload)
{
    // ok: unchecked-length-read
    return QByteArray(payload.constData(), payload.size());
}

// A buffer returned by a call has exactly the bytes asked for.
QString Connection::readString(quint16 size)
{
    // ok: unchecked-length-read
    return QString::fromUtf8(readBuffer(size).constData(), size);
}
