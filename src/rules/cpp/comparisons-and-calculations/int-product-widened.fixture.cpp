// Fixture for int-product-widened: int products converted to a wide type after the multiplication, and the
// same arithmetic done right or on values whose types this file does not declare.
#include "blur.h"

struct Tile
{
    int columns;
    int rows;
    qint64 total;
};

qint64 Canvas::byteCount(int width, int height)
{
    // ruleid: int-product-widened
    qint64 bytes = width * height;
    return bytes * 4;
}

void Blur::average(const quint32 *sums, int left, int right, int top, int bottom)
{
    uint64_t acc = sums[0];
    // ruleid: int-product-widened
    acc /= (left + right) * (top + bottom);
    m_value = acc;
}

qsizetype Grid::offset(int row, int stride, int column)
{
    // ruleid: int-product-widened
    return row * stride + column;
}

double Meter::area(const QSize &size)
{
    // ruleid: int-product-widened
    return static_cast<double>(size.width() * size.height());
}

void Tile::grow(int extra)
{
    // ruleid: int-product-widened
    total = columns * rows;
    // ruleid: int-product-widened
    if (total > (columns + extra) * rows)
        return;
}

qint64 Canvas::byteCountWide(int width, int height)
{
    // ok: int-product-widened
    qint64 bytes = qint64(width) * height;
    // ok: int-product-widened
    qint64 pixels = static_cast<qint64>(width) * height;
    return bytes + pixels;
}

void Canvas::scaled(int width, qreal factor, short depth)
{
    // ok: int-product-widened
    qint64 doubled = width * 2;
    // ok: int-product-widened
    double scaled = width * factor;
    // ok: int-product-widened
    int narrow = width * depth;
    m_sizes << doubled << scaled << narrow;
}

qint64 Canvas::unknownTypes(const QSizeF &size)
{
    auto w = size.width();
    // ok: int-product-widened
    qint64 area = w * m_height;
    // ok: int-product-widened
    return d->columns * d->rows;
}

qint64 Canvas::checked(int width, int height)
{
    int bytes;
    if (qMulOverflow(width, height, &bytes))
        return -1;
    // ok: int-product-widened
    return qint64(bytes) + width * height;
}

quint64 Hash::mix(quint32 low, quint32 key)
{
    // ok: int-product-widened
    return quint64(low * key) << 32;
}
