// Fixture for iterator-walk-without-end: iterators and pointers walked through a string with and without an end.
#include <QtCore/QString>

static QString referenceName(const QString &ref)
{
    QString::const_iterator it = ref.constBegin();
    // ruleid: iterator-walk-without-end
    while (it->isSpace())
        ++it;
    QString name;
    while (*it != QLatin1Char(')')) {
        name += *it;
        ++it;
    }
    return name;
}

static int skipDigits(const QByteArray &text)
{
    const char *p = text.constData();
    int n = 0;
    // ruleid: iterator-walk-without-end
    while (isdigit(p[0])) {
        n = n * 10 + (*p - '0');
        p += 1;
    }
    return n;
}

static QString referenceNameBounded(const QString &ref)
{
    QString::const_iterator it = ref.constBegin();
    const QString::const_iterator end = ref.constEnd();
    // ok: iterator-walk-without-end
    while (it != end && it->isSpace())
        ++it;
    QString name;
    while (it != end && *it != QLatin1Char(')'))
        name += *it++;
    return name;
}

// Walking a NUL-terminated buffer up to its terminator stops there.
static int countSpaces(const QByteArray &text)
{
    const char *p = text.constData();
    int n = 0;
    // ok: iterator-walk-without-end
    while (*p) {
        if (*p == ' ')
            ++n;
        ++p;
    }
    return n;
}

// The loop is bounded by the size.
static int sum(const QList<int> &values)
{
    const int *p = values.constData();
    int total = 0;
    for (qsizetype i = 0; i < values.size(); ++i)
        // ok: iterator-walk-without-end
        total += *p++;
    return total;
}

// Handed to a helper that gets the end too.
static QString token(const QString &s)
{
    const QChar *p = s.constData();
    // ok: iterator-walk-without-end
    p = skipSpaces(p, s.constData() + s.size());
    return QString(*p);
}

// Advanced in step with a counted loop: the count bounds the walk.
void Dumper::dump(const Spectrum &spectrum, int samples)
{
    Spectrum::const_iterator x = spectrum.begin();
    for (int i = 0; i < samples; ++i, ++x)
        // ok: iterator-walk-without-end
        m_stream << x->frequency << '\n';
}

// The outer loop knows the end, the skip loop inside it does not: trailing blanks walk past it.
static int countCommands(const QStringView &data)
{
    const QChar *p = data.constData();
    const QChar *end = p + data.size();
    int n = 0;
    while (p != end) {
        // ruleid: iterator-walk-without-end
        while (p->isSpace())
            ++p;
        ++n;
        readCommand(p);
        ++p;
    }
    return n;
}

static int countCommandsBounded(const QStringView &data)
{
    const QChar *p = data.constData();
    const QChar *end = p + data.size();
    int n = 0;
    while (p != end) {
        // ok: iterator-walk-without-end
        while (p != end && p->isSpace())
            ++p;
        // ok: iterator-walk-without-end
        while (*p && *p != QLatin1Char(';'))
            ++p;
        // ok: iterator-walk-without-end
        while (p->isDigit()) {
            if (++p == end)
                break;
        }
        // ok: iterator-walk-without-end
        while (p->isSpace() && (p + 1) != end)
            ++p;
        ++n;
    }
    return n;
}

static QString lastField(const QByteArray &line, int limit)
{
    const char *p = line.constData();
    const char *end = p + line.size();
    int i = 0;
    // ok: iterator-walk-without-end
    while (*p == ' ' && i < limit) {
        ++p;
        ++i;
    }
    const char *start = p;
    // ruleid: iterator-walk-without-end
    while (*p != ',')
        ++p;
    return QString::fromLatin1(start, int(p - start)) + (p < end ? QString() : QString());
}
