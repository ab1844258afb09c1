// Fixture for allocation-size-overflow: products of unchecked values as allocation sizes, and checked ones.
#include "image.h"

uchar *Image::allocate(int width, int height, int depth)
{
    // ruleid: allocation-size-overflow
    return static_cast<uchar *>(malloc(width * height * depth));
}

void Frame::grow(int rows, int stride)
{
    // ruleid: allocation-size-overflow
    m_data.resize(rows * stride);
}

short *Audio::samples(int frames, int channels)
{
    // ruleid: allocation-size-overflow
    return new short[frames * channels];
}

uchar *Image::allocateChecked(int width, int height, int depth)
{
    qsizetype bytes;
    if (qMulOverflow(qsizetype(width) * height, qsizetype(depth), &bytes))
        return nullptr;
    // ok: allocation-size-overflow
    return static_cast<uchar *>(malloc(bytes));
}

void Frame::growChecked(int rows, int stride)
{
    if (rows <= 0 || stride <= 0 || rows > 65536 || stride > 65536)
        return;
    // ok: allocation-size-overflow
    m_data.resize(rows * stride);
}

void Table::init(int n)
{
    // ok: allocation-size-overflow
    m_cells = new Cell[n * CELLS_PER_ROW];
    // ok: allocation-size-overflow
    m_bytes.resize(n + 1);
}
