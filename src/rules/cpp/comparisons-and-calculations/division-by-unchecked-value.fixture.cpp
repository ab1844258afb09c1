// Fixture for division-by-unchecked-value: divisors read from input and never tested, and the guarded forms.
#include "decoder.h"

qint64 Decoder::duration() const
{
    // confidence: low
    // ruleid: division-by-unchecked-value
    return m_dataSize * 1000 / (m_bytesPerFrame * m_sampleRate);
}

int Grid::cellsPerRow(int total, int columns)
{
    // ruleid: division-by-unchecked-value
    return total % columns;
}

void Scaler::normalise(double length)
{
    // ruleid: division-by-unchecked-value
    m_x /= length;
}

int Grid::rows(int total, int columns)
{
    if (columns <= 0)
        return 0;
    // ok: division-by-unchecked-value
    return total / columns;
}

double Arc::ratio(double rx, double ry)
{
    if (qFuzzyIsNull(rx))
        return 0;
    // ok: division-by-unchecked-value
    return ry / rx;
}

int Buffer::half(int n)
{
    // ok: division-by-unchecked-value
    return n / 2 + n / BLOCK_SIZE + n / sizeof(int);
}

int Tiles::count(int w, int tile)
{
    // ok: division-by-unchecked-value
    return w / qMax(1, tile);
}

int Gradient::parts(qreal from, qreal to)
{
    const qreal spacing = qreal(0.02);
    // ok: division-by-unchecked-value
    return qCeil((to - from) / spacing);
}

static const quint16 MaxAmplitude = 32768;
constexpr float Full8Bit = static_cast<float>(255);

class Ring
{
    static constexpr int Slots = 4;
    int m_pos = 0;
    int m_size;
    int next() { return (m_pos + 1) % Slots; } // ok: division-by-unchecked-value
    // ruleid: division-by-unchecked-value
    int wrap(int i) { return i % m_size; }
};

qreal Pcm::toReal(qint16 sample)
{
    // ok: division-by-unchecked-value
    return qreal(sample) / MaxAmplitude;
}

void Colour::ranges(float *out)
{
    constexpr float lumaRange = (235 - 16) / Full8Bit;
    // ok: division-by-unchecked-value
    out[0] = 1 / lumaRange;
}

int Packet::chunks(int total)
{
    // `step` is const here but a parameter elsewhere in the file: not a constant.
    const int step = 8;
    return total / step; // ok: division-by-unchecked-value
}

int Packet::split(int total, int step)
{
    // ruleid: division-by-unchecked-value
    return total / step;
}

int Frame::perSecond(int frames)
{
    const int interval = m_interval;
    // ruleid: division-by-unchecked-value
    return frames / interval;
}

void Font::scale(QPainter *p, qreal pixelSize)
{
    // ruleid: division-by-unchecked-value
    p->scale(pixelSize / m_unitsPerEm, -pixelSize / m_unitsPerEm);
    // ok: division-by-unchecked-value
    m_penWidth /= pixelSize / m_unitsPerEm;
}

qint64 WaveReader::durationMs() const
{
    // confidence: low
    // ruleid: division-by-unchecked-value
    return m_payload * 1000 / (m_header.frameBytes() * m_header.rate());
}

void Pattern::unscale(const QTransform &world)
{
    // ok: division-by-unchecked-value
    const qreal down = 1 / world.m11();
    m_applied.scale(qIsFinite(down) ? down : 1.0, 1.0);
}

qreal Arc::factor(qreal d)
{
    // A sign test on the result does not catch the inf of a zero `d`.
    // confidence: low
    // ruleid: division-by-unchecked-value
    qreal f = 1.0 / d - 0.25;
    if (f < 0)
        f = 0;
    return f;
}

// The header a device read filled sets the format; the format's rate then divides.
bool SoundFile::readHeader()
{
    RawHeader raw;
    if (m_device->read(reinterpret_cast<char *>(&raw), sizeof raw) != sizeof raw)
        return false;
    m_format.setRate(qFromLittleEndian<quint32>(raw.rate));
    return true;
}

qint64 SoundFile::lengthMs() const
{
    // confidence: medium
    // ruleid: division-by-unchecked-value
    return m_bytes * 1000 / (m_format.frameSize() * m_format.rate());
}

// A count taken from a stream.
int Table::rowHeight(QDataStream &in, int total)
{
    int rows = 0;
    in >> rows;
    // confidence: medium
    // ruleid: division-by-unchecked-value
    return total / rows;
}

// Numbers a helper parsed into the caller's array reach another function's parameters.
static void parseNumbers(const char *&s, QVector<qreal> &out)
{
    out.append(strtod(s, nullptr));
}

static qreal aspect(qreal w, qreal h)
{
    // confidence: medium
    // ruleid: division-by-unchecked-value
    return w / h;
}

qreal Shape::parseAspect(const char *s)
{
    QVector<qreal> nums;
    parseNumbers(s, nums);
    const qreal *n = nums.constData();
    return aspect(n[0], n[1]);
}
