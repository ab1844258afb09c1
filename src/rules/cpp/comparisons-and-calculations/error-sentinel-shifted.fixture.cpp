// Fixture for error-sentinel-shifted: results of helpers that return a negative error value shifted left unchecked,
// and the same helpers with their results tested, helpers with no error value, and stream insertions.
#include "codec.h"

static int digitValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

static int clampedValue(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : 0;
}

int Codec::byteAt(const char *s)
{
    // ruleid: error-sentinel-shifted
    return (digitValue(s[0]) << 4) | digitValue(s[1]);
}

int Codec::nibbleTwice(char c)
{
    int nibble = digitValue(c);
    // ruleid: error-sentinel-shifted
    return (nibble << 4) | nibble;
}

int Codec::checkedByte(const char *s)
{
    const int high = digitValue(s[0]);
    const int low = digitValue(s[1]);
    if (high < 0 || low < 0)
        return -1;
    // ok: error-sentinel-shifted
    return (high << 4) | low;
}

int Codec::clampedByte(const char *s)
{
    // ok: error-sentinel-shifted
    return (clampedValue(s[0]) << 4) | clampedValue(s[1]);
}

void Codec::dump(char c)
{
    // ok: error-sentinel-shifted
    qDebug() << digitValue(c);
    int shifted = 1;
    shifted = m_base;
    // ok: error-sentinel-shifted
    m_mask = shifted << 2;
}
