// Fixture for unbounded-recursion: recursion along links or children with no bound, and recursion that is bounded.
#include "shapes.h"

void Gradient::resolveStops()
{
    Gradient *target = m_doc->gradientById(m_href);
    if (target && target != this)
        // confidence: medium
        // ruleid: unbounded-recursion
        target->resolveStops();
}

QRectF Group::bounds(QPainter *p) const
{
    QRectF r;
    for (Node *child : m_children)
        // confidence: medium
        // ruleid: unbounded-recursion
        r |= child->bounds(p);
    return r;
}

void Reader::readPackets()
{
    if (m_buffer.size() < 2)
        return;
    consumeOne();
    // confidence: low
    // ruleid: unbounded-recursion
    readPackets();
}

void Gradient::resolveStopsBounded(int depth)
{
    Gradient *target = m_doc->gradientById(m_href);
    if (target && depth < 16)
        // ok: unbounded-recursion
        target->resolveStopsBounded(depth + 1);
}

void Use::draw(QPainter *p)
{
    if (m_drawing)
        return;
    m_drawing = true;
    // ok: unbounded-recursion
    m_target->draw(p);
    m_drawing = false;
}

// An overload with more arguments is another function, not recursion.
void Canvas::paint(QPainter *p)
{
    // ok: unbounded-recursion
    paint(p, rect());
}

Node::~Node()
{
    // ok: unbounded-recursion
    qDeleteAll(m_children);
}

// Another class's method of the same name (a merge filter applying its merge nodes).
QImage Merge::apply(const QImage &source) const
{
    QImage result;
    for (Node *child : children()) {
        MergeNode *node = static_cast<MergeNode *>(child);
        // ok: unbounded-recursion
        result = node->apply(source);
    }
    return result;
}

// A free function calling a method of the same name on an object is not calling itself.
static Node *previousSibling(Node *n)
{
    Group *parent = groupOf(n);
    // ok: unbounded-recursion
    return parent ? parent->previousSibling(n) : nullptr;
}

// Recursion through a wrapper of the same operation: `mappedExtent` maps, then calls `extent` on the child again.
QRectF Container::extent(const QTransform &t) const
{
    QRectF r;
    for (Shape *item : m_items)
        // confidence: medium
        // ruleid: unbounded-recursion
        r |= item->mappedExtent(t);
    return r;
}

QRectF Container::extentOnce(const QTransform &t) const
{
    QRectF r;
    if (m_inExtent)
        return r;
    m_inExtent = true;
    for (Shape *item : m_items)
        // ok: unbounded-recursion
        r |= item->mappedExtentOnce(t);
    m_inExtent = false;
    return r;
}

// A short name inside a longer one is not a wrapper: `rect()` asking a child for its `boundingRect()`.
QRectF Frame::rect() const
{
    // ok: unbounded-recursion
    return m_child->boundingRect();
}

// A wrapper with other arguments is another operation.
QRectF Container::outline(const QTransform &t) const
{
    // ok: unbounded-recursion
    return m_child->strokedOutline(t, m_pen, 2);
}

// Overloads: a plain call whose argument types pick this overload is recursion; one that picks the other is not.
static QByteArray unpackLayer(QIODevice *device);

static QByteArray unpackLayer(QIODevice *device)
{
    return device->readAll();
}

Sheet *Sheet::open(const QString &path)
{
    QFile file(path);
    // ok: unbounded-recursion
    return open(file.readAll());
}

Sheet *Sheet::open(const QByteArray &bytes)
{
    if (bytes.startsWith("PK")) {
        QBuffer buffer;
        buffer.setData(bytes);
        // confidence: medium
        // ruleid: unbounded-recursion
        return open(unpackLayer(&buffer));
    }
    const QString name = QString::fromUtf8(bytes);
    // ok: unbounded-recursion
    return open(name);
}

// A call inside a lambda runs when the lambda is called (here: when the output goes away), not within this call.
void Player::setOutput(Output *output)
{
    m_output = output;
    if (output)
        // ok: unbounded-recursion
        output->onDestroyed([this]() { setOutput(nullptr); });
}

// A template whose `T` the parameters do not mention cannot be what `item(key)` calls: that is the untyped overload.
template <typename T>
T *Registry::item(const char *key) const
{
    // ok: unbounded-recursion
    void *raw = item(key);
    return static_cast<T *>(raw);
}

// An overload declared in the file with other parameter types: `scaled(size, int)` is not this function.
QSize scaled(QSize size, int steps);

inline QSize scaled(QSize size, Scale steps)
{
    // ok: unbounded-recursion
    return scaled(size, toSteps(steps));
}

// The same declaration beside its definition is this function: still recursion.
int sizeOf(Node *node);

int sizeOf(Node *node)
{
    // confidence: low
    // ruleid: unbounded-recursion
    return node ? 1 + sizeOf(node->firstChild()) : 0;
}

// A receiver whose type the file declares as another class calls that class's method.
namespace {
SinkClass *parent_class;
}

Caps *Sink::caps(Base *base)
{
    // ok: unbounded-recursion
    return parent_class->caps(base);
}

void Tree::expand()
{
    auto *child = new Tree(this);
    // confidence: low
    // ruleid: unbounded-recursion
    child->expand();
}

void ViewTest::expand()
{
    auto *view = new TestView;
    // ok: unbounded-recursion
    view->expand();
}

// A parser that re-enters itself as data arrives: the slot that reads the socket hands over to it.
void Session::onReadyRead()
{
    m_pending.append(m_socket->readAll());
    parseFrames();
}

void Session::parseFrames()
{
    if (m_pending.size() < m_needed)
        return;
    takeFrame();
    // confidence: medium
    // ruleid: unbounded-recursion
    parseFrames();
}

// Up the parent chain of a tree the program built: real recursion, bounded by that tree's depth.
void Item::reveal()
{
    if (m_parent)
        // confidence: low
        // ruleid: unbounded-recursion
        m_parent->reveal();
    m_visible = true;
}

// Qt's SLOT()/SIGNAL() macros stringify a signature: `onData()` is not called here.
void Decoder::onData()
{
    m_device->read(m_chunk, sizeof m_chunk);
    // ok: unbounded-recursion
    m_device->disconnect(SIGNAL(readyRead()), this, SLOT(onData()));
}
