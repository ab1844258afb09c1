// Fixture for table-indexed-by-character: lookup tables indexed by character codes wider than the table.
#include <QString>

static bool isKnownProfile(const QString &str)
{
    static const unsigned char weights[] = {
        7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
        7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
    };
    if (str.size() < 8)
        return false;
    // ruleid: table-indexed-by-character
    const int key = str.size() + weights[str.at(6).unicode()]
        // ruleid: table-indexed-by-character
        + weights[str.at(7).unicode() >> 8];
    return key < 40;
}

static const char hexDigits[16] = { '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f' };

QString escapeUnit(char16_t unit)
{
    QString out;
    // ruleid: table-indexed-by-character
    out += QLatin1Char(hexDigits[unit >> 4]);
    // ok: table-indexed-by-character
    out += QLatin1Char(hexDigits[unit & 0xf]);
    // ok: table-indexed-by-character
    out += QLatin1Char(hexDigits[unit >> 12]);
    return out;
}

static bool isKnownProfileChecked(const QString &str)
{
    static const unsigned char weights[256] = { 1, 2, 3 };
    const char16_t first = str.at(0).unicode();
    if (first >= sizeof(weights))
        return false;
    // ok: table-indexed-by-character
    return weights[first] > 1;
}

static int classify(const QByteArray &bytes, int i)
{
    static const signed char classes[256] = { 0 };
    static const signed char ascii[128] = { 0 };
    // ok: table-indexed-by-character
    int c = classes[static_cast<uchar>(bytes.at(i))];
    // ruleid: table-indexed-by-character
    return c + ascii[static_cast<uchar>(bytes.at(i))];
}

static int plainIndex(const int *values, int i, const QChar ch)
{
    int local[4] = { 0, 1, 2, 3 };
    // ok: table-indexed-by-character
    return local[i] + values[ch.unicode()] + local[ch.cell() % 4];
}

static bool isAsciiWord(QChar ch)
{
    static const bool word[128] = { false };
    if (ch.unicode() >= 128)
        return false;
    // ok: table-indexed-by-character
    return word[ch.unicode()];
}

static QChar fromUpperHalf(char16_t ch)
{
    static const uchar upper[0x60] = { 0 };
    if (ch < 0xa0)
        return QChar(ch);
    // ok: table-indexed-by-character
    return QChar(upper[ch - 0xa0]);
}

static void expandAlpha(quint8 *out, quint64 bits)
{
    quint8 levels[8] = { 0, 36, 73, 109, 146, 182, 219, 255 };
    for (int i = 0; i < 16; ++i) {
        quint8 level = bits & 0x07;
        // ok: table-indexed-by-character
        out[i] = levels[level];
        bits >>= 3;
    }
}

static quint8 nibbleName(const uchar *data, int i)
{
    static const quint8 names[16] = { 0 };
    quint8 code = data[i];
    // ruleid: table-indexed-by-character
    return names[code];
}
