// Fixture for member-left-uninitialised: constructors that forget a scalar or pointer member the class reads, and
// classes that initialise everything, delegate, memset, initialise in a helper, or whose constructors live elsewhere.
#include "widgets.h"

class Shell;

class SurfacePrivate
{
public:
    SurfacePrivate();
    ~SurfacePrivate();
    void unregister();

    Shell *m_shell;
    Surface *m_surface;
    int m_serial;
};

// confidence: medium
// ruleid: member-left-uninitialised
SurfacePrivate::SurfacePrivate()
    : m_surface(nullptr)
{
    m_serial = 0;
}

SurfacePrivate::~SurfacePrivate()
{
    m_shell->forget(m_surface);
}

void SurfacePrivate::unregister()
{
    m_surface = nullptr;
}

void Surface::close()
{
    Q_D(Surface);
    d->m_serial++;
}

class GlyphTable
{
public:
    // confidence: low
    // ruleid: member-left-uninitialised
    explicit GlyphTable(qreal advance) : m_advance(advance) {}
    qreal scale(qreal size) const { return size / m_unitsPerEm; }

private:
    qreal m_advance;
    qreal m_unitsPerEm;
    QString m_family;
};

class Counter
{
public:
    // ok: member-left-uninitialised
    Counter() : Counter(0) {}
    // ok: member-left-uninitialised
    explicit Counter(int start) : m_value(start), m_step(1) {}
    int next() { return m_value += m_step; }

private:
    int m_value;
    int m_step;
};

class Buffer
{
public:
    // ok: member-left-uninitialised
    Buffer() { reset(); }
    void reset() { m_length = 0; m_data = nullptr; }
    int length() const { return m_length + (m_data ? 1 : 0); }

private:
    int m_length;
    char *m_data;
};

struct Header
{
    // ok: member-left-uninitialised
    Header() { memset(this, 0, sizeof(Header)); }
    quint32 size() const { return m_size; }
    quint32 m_size;
};

class Defaults
{
public:
    // ok: member-left-uninitialised
    Defaults() {}
    int total() const { return m_count * m_scale; }

private:
    int m_count = 0;
    int m_scale{1};
    QString m_name;
};

class Remote
{
public:
    // ok: member-left-uninitialised
    Remote() : m_port(0) {}
    explicit Remote(int port);
    int socket() const { return m_socket + m_port; }

private:
    int m_port;
    int m_socket;
};

class Lazy
{
public:
    // ok: member-left-uninitialised
    Lazy() : m_ready(false) { setup(); }
    void setup();
    int value() const { return m_ready ? m_value : 0; }

private:
    bool m_ready;
    int m_value;
};

class Pod
{
public:
    Pod() = default;
    int sum() const { return a + b; }
    int a;
    int b;
};

class Session
{
public:
    // ok: member-left-uninitialised
    Session() : m_open(false) {}
    void start() { m_id = nextId(); m_open = true; log(m_id); }
    int nextId();

private:
    bool m_open;
    int m_id;
};

class Interface
{
public:
    class Resource
    {
    public:
        // ok: member-left-uninitialised
        Resource() : handle(nullptr) {}
        void *object() const { return handle; }
        void *handle;
    };
};

class OtherInterface
{
public:
    class Resource
    {
    public:
        // ok: member-left-uninitialised
        Resource() : other(nullptr) {}
        void *object() const { return other; }
        void *other;
    };
};

// The size is only read when the area, which the class initialises, says the mapping was made.
class KeymapPrivate
{
public:
    // ok: member-left-uninitialised
    KeymapPrivate() : m_fd(-1) {}
    ~KeymapPrivate()
    {
        if (m_area)
            munmap(m_area, m_size);
        if (m_fd >= 0 && m_size > 0)
            close(m_fd);
    }
    void map(const char *text);

private:
    char *m_area = nullptr;
    size_t m_size;
    int m_fd;
};

// A guard on the very member left unset does not help: the test itself reads garbage.
class Recorder
{
public:
    // confidence: medium
    // ruleid: member-left-uninitialised
    Recorder() : m_started(false) {}
    ~Recorder()
    {
        if (m_output)
            m_output->close();
    }
    void start();

private:
    bool m_started;
    QIODevice *m_output;
};

// The handle is created through an out-parameter before any use: taking its address is not a read.
class TextureImport
{
public:
    // ok: member-left-uninitialised
    TextureImport(int fd) : m_fd(fd) {}
    ~TextureImport()
    {
        if (m_ready)
            glDeleteMemoryObjectsEXT(1, &m_memory);
    }
    unsigned texture()
    {
        glCreateMemoryObjectsEXT(1, &m_memory);
        glImportMemoryFdEXT(m_memory, m_fd);
        m_ready = true;
        return m_memory;
    }

private:
    int m_fd;
    bool m_ready = false;
    unsigned m_memory;
};

// The reader is a private helper that the set-up method calls only after it stored the count.
class SurroundRenderer
{
public:
    // ok: member-left-uninitialised
    SurroundRenderer() : m_frames(0) {}
    bool init(int format)
    {
        m_channels = channelsFor(format);
        configure();
        return m_channels > 0;
    }

private:
    void configure()
    {
        m_buffer.resize(m_channels * m_frames);
    }
    static int channelsFor(int format);
    QVector<float> m_buffer;
    int m_frames;
    int m_channels;
};

// The same helper is also reachable before the set-up: the read may meet the missing value.
class Mixer
{
public:
    // ruleid: member-left-uninitialised
    Mixer() : m_frames(0) {}
    bool init(int format)
    {
        m_channels = format;
        configure();
        return true;
    }
    void reset() { configure(); }

private:
    void configure()
    {
        m_buffer.resize(m_channels * m_frames);
    }
    QVector<float> m_buffer;
    int m_frames;
    int m_channels;
};

// A public reader may be called by users of the class before init(), whatever this file does.
class Resampler
{
public:
    // ruleid: member-left-uninitialised
    Resampler() : m_frames(0) {}
    bool init(int rate)
    {
        m_rate = rate;
        configure();
        return true;
    }
    void configure()
    {
        m_buffer.resize(m_rate * m_frames);
    }

private:
    QVector<float> m_buffer;
    int m_frames;
    int m_rate;
};
