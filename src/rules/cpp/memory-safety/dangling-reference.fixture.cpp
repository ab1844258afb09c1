// Fixture for dangling-reference: views of temporary strings, const-reference members bound to parameters.
#include <QtCore/QStringView>
#include <string_view>

struct StyleAttributes
{
    QStringView fill;
    QStringView stroke;
    QString title;
    QStringView id;

    void read(const QXmlStreamAttribute &attribute)
    {
        const QStringView value = attribute.value();
        if (attribute.name() == QLatin1String("fill"))
            // ruleid: dangling-reference
            fill = value.toString();
        if (attribute.name() == QLatin1String("stroke"))
            // ok: dangling-reference
            stroke = value;
        // ok: dangling-reference
        title = value.toString();
        // ok: dangling-reference
        id = value.trimmed();
    }
};

int countWords(const QByteArray &raw)
{
    // ruleid: dangling-reference
    std::string_view text = raw.toStdString();
    // ok: dangling-reference
    const QString owned = QString::fromUtf8(raw);
    // ok: dangling-reference
    QStringView words = owned;
    return int(text.size()) + int(words.size());
}

class PathResolver
{
public:
    PathResolver(bool packaged, const QDir &baseDir, const QString &prefix, QString &log)
        : m_packaged(packaged)
        , m_baseDir(baseDir)
        , m_prefix(prefix)
        , m_log(log)
    { }

private:
    bool m_packaged;
    // ruleid: dangling-reference
    const QDir &m_baseDir;
    // ok: dangling-reference
    QString m_prefix;
    // ok: dangling-reference
    QString &m_log;
};

void loadAll(bool packaged, const QDir &dir, QString &log)
{
    PathResolver resolver(packaged, dir, QStringLiteral("qrc:/imports/"), log);
    PathResolver other(packaged, QDir::current(), QString(), log);
    resolver.resolve(QStringLiteral("main.qml"));
}

// A comparator holding references to named objects that outlive it, never to temporaries.
class SearchKey
{
public:
    SearchKey(const QString &word, const QStringList &list) : word(word), list(list) {}
    // ok: dangling-reference
    const QString &word;
    // ok: dangling-reference
    const QStringList &list;
};

bool contains(const QStringList &words, const QString &word)
{
    SearchKey key(word, words);
    return key.list.contains(key.word);
}
