// Fixture for terminator-past-bound: terminators written after loops bounded by the buffer size.
#include <QtCore/QByteArray>

void toWide(ushort *dst, const QByteArray &src, int maxChars)
{
    int i, o;
    for (i = o = 0; src[i] != 0 && o < maxChars;) {
        dst[o] = uchar(src[i]);
        i++;
        o++;
    }
    // ruleid: terminator-past-bound
    dst[o] = 0;
}

void copyName(char *out, const char *in, int size)
{
    int n = 0;
    while (in[n] && n < size) {
        out[n] = in[n];
        ++n;
    }
    // ruleid: terminator-past-bound
    out[n] = '\0';
}

void toWideRoom(ushort *dst, const QByteArray &src, int maxChars)
{
    int o = 0;
    for (int i = 0; src[i] != 0 && o < maxChars - 1; ++i)
        dst[o++] = uchar(src[i]);
    // ok: terminator-past-bound
    dst[o] = 0;
}

void toWideGuarded(ushort *dst, const QByteArray &src, int maxChars)
{
    int o = 0;
    for (int i = 0; src[i] != 0 && o < maxChars; ++i)
        dst[o++] = uchar(src[i]);
    if (o < maxChars)
        // ok: terminator-past-bound
        dst[o] = 0;
    else if (maxChars > 0)
        dst[maxChars - 1] = 0;
}

int readLine(QIODevice *device)
{
    char line[LineMax + 1];
    int n = 0;
    char c;
    while (n < LineMax && device->getChar(&c) && c != '\n')
        line[n++] = c;
    // ok: terminator-past-bound
    line[n] = '\0';
    return parse(line);
}

// Writing a value (not a terminator) after the loop is some other logic.
void fillCounts(int *counts, int n)
{
    int i = 0;
    for (; i < n; ++i)
        counts[i] = 1;
    // ok: terminator-past-bound
    counts[i - 1] = 2;
}

// A second loop with its own index, after the first: its writes are in bounds.
void reset(int *values)
{
    for (size_t i = 0; i < Count; ++i)
        values[i] = 1;
    {
        for (size_t i = 0; i < Count; ++i)
            // ok: terminator-past-bound
            values[i] = 0;
    }
}
