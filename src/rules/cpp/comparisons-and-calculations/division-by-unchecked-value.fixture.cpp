// Fixture for division-by-unchecked-value: divisors read from input and never tested, and the guarded forms.
#include "decoder.h"

qint64 Decoder::duration() const
{
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
