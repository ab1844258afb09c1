// Fixture for stride-loop-past-odd-bound: loops that step by several elements but test only the first.
#include <QtGlobal>

static inline quint32 convert(uchar y, int uv);

static void rowToRgb(const uchar *y, const uchar *uv, quint32 *rgb, int width)
{
    // ruleid: stride-loop-past-odd-bound
    for (int i = 0; i < width; i += 2) {
        const int c = *uv++;
        *rgb++ = convert(*y++, c);
        *rgb++ = convert(*y++, c);
    }
}

static int sumPairs(const short *samples, int count)
{
    int sum = 0;
    // ruleid: stride-loop-past-odd-bound
    for (int i = 0; i < count; i += 2)
        sum += samples[i] * samples[i + 1];
    return sum;
}

static void rowToRgbEven(const uchar *y, const uchar *uv, quint32 *rgb, int width)
{
    width &= ~1;
    // ok: stride-loop-past-odd-bound
    for (int i = 0; i < width; i += 2) {
        const int c = *uv++;
        *rgb++ = convert(*y++, c);
        *rgb++ = convert(*y++, c);
    }
}

static void rowToRgbRoom(const uchar *y, quint32 *rgb, int width)
{
    // ok: stride-loop-past-odd-bound
    for (int i = 0; i + 1 < width; i += 2) {
        rgb[i] = convert(y[i], 0);
        rgb[i + 1] = convert(y[i + 1], 0);
    }
}

static int sumPairsGuarded(const short *samples, int count)
{
    int sum = 0;
    // ok: stride-loop-past-odd-bound
    for (int i = 0; i < count; i += 2)
        sum += samples[i] * (i + 1 < count ? samples[i + 1] : 1);
    return sum;
}

struct Captures { int size; const int *offsets; };

static int spans(const Captures &c)
{
    const int n = c.size;  // pairs of offsets: even by construction
    int total = 0;
    // ok: stride-loop-past-odd-bound
    for (int i = 0; i < n; i += 2)
        total += c.offsets[i + 1] - c.offsets[i];
    return total;
}

static void fill(quint32 *rgb, int width, quint32 value)
{
    // ok: stride-loop-past-odd-bound
    for (int i = 0; i < width; i += 2)
        rgb[i] = value;
}
