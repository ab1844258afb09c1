// Fixture for loop-without-progress: loops whose advance can be skipped or never happens, and loops that advance.
#include "device.h"

void Camera::enumerate(int fd)
{
    v4l2_frmsizeenum size = {};
    while (!ioctl(fd, VIDIOC_ENUM_FRAMESIZES, &size)) {
        if (size.type != V4L2_FRMSIZE_TYPE_DISCRETE)
            // ruleid: loop-without-progress
            continue;
        addSize(size.discrete.width, size.discrete.height);
        ++size.index;
    }
}

Item *List::before(Item *wanted) const
{
    Item *prev = nullptr;
    QList<Item *>::const_iterator it = m_items.constBegin();
    // ruleid: loop-without-progress
    while (it != m_items.constEnd()) {
        Item *item = *it;
        if (item == wanted)
            return prev;
        prev = item;
    }
    return prev;
}

int Parser::skipSpaces(const char *p, const char *end)
{
    int n = 0;
    // ok: loop-without-progress
    while (p < end && *p == ' ') {
        ++p;
        ++n;
    }
    return n;
}

void Camera::enumerateFixed(int fd)
{
    v4l2_frmsizeenum size = {};
    for (; !ioctl(fd, VIDIOC_ENUM_FRAMESIZES, &size); ++size.index) {
        if (size.type != V4L2_FRMSIZE_TYPE_DISCRETE)
            // ok: loop-without-progress
            continue;
        addSize(size.discrete.width, size.discrete.height);
    }
}

void Reader::readAll(QXmlStreamReader &xml)
{
    // ok: loop-without-progress
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isComment())
            continue;
        handle(xml);
    }
}

void Queue::drain()
{
    int i = 0;
    // ok: loop-without-progress
    while (i < m_count) {
        if (m_slots[i] == nullptr) {
            ++i;
            continue;
        }
        process(m_slots[i]);
        ++i;
    }
}

void Worker::run()
{
    // ok: loop-without-progress
    while (true) {
        if (!step())
            break;
    }
}

bool Decoder::skipChunks()
{
    // ok: loop-without-progress
    while (m_device->bytesAvailable() > 0) {
        if (!discardBytes(m_junk))
            return false;
    }
    return true;
}

int Output::write(const char *data, int len)
{
    int written = 0;
    int retry = 0;
    while (written < len) {
        const int n = m_sink->write(data + written, len - written);
        if (n <= 0) {
            if (++retry > 10)
                return written;
            // ok: loop-without-progress
            continue;
        }
        written += n;
    }
    return written;
}

// The bound is advanced instead of (or as well as) the index: the loop chases it forever.
void swapPairs(char *data, qsizetype count)
{
    for (qsizetype i = 0; i < count; ++i) {
        qSwap(data[0], data[1]);
        // ruleid: loop-without-progress
        ++count;
        data += 2;
    }
}

// Growing the bound only on some iterations (appending work found on the way) still ends.
void expand(QList<Node *> &work)
{
    int n = work.size();
    for (int i = 0; i < n; ++i) {
        if (work[i]->hasChildren()) {
            work.append(work[i]->children());
            // ok: loop-without-progress
            n += int(work[i]->children().size());
        }
    }
}

// A counted loop that stops itself.
void grow(int *values, int count)
{
    for (int i = 0; i < count; ++i) {
        // ok: loop-without-progress
        ++count;
        if (count > Limit)
            break;
    }
}

// Extracting from a stream as a statement advances the stream the condition reads.
void Portal::readStreams(QDBusArgument &streams)
{
    streams.beginArray();
    // ok: loop-without-progress
    while (!streams.atEnd()) {
        quint32 id = 0;
        streams >> id;
        m_ids.append(id);
    }
}

// A shift whose value is used advances nothing: `bits >> 1` leaves `bits` as it was.
int Flags::countHigh(quint32 bits)
{
    int n = 0;
    // ruleid: loop-without-progress
    while (bits != 0) {
        n += (bits >> 1) & 1;
    }
    return n;
}

// The body passes a lambda that advances what the condition reads.
void Generator::fill(char *out, qsizetype bytes)
{
    qsizetype remaining = bytes;
    auto write = [&](char value) {
        *out++ = value;
        --remaining;
    };
    // ok: loop-without-progress
    while (remaining) {
        emitSample(nextValue(), write);
    }
}
