// Fixture for unbounded-recursion: recursion along links or children with no bound, and recursion that is bounded.
#include "shapes.h"

void Gradient::resolveStops()
{
    Gradient *target = m_doc->gradientById(m_href);
    if (target && target != this)
        // ruleid: unbounded-recursion
        target->resolveStops();
}

QRectF Group::bounds(QPainter *p) const
{
    QRectF r;
    for (Node *child : m_children)
        // ruleid: unbounded-recursion
        r |= child->bounds(p);
    return r;
}

void Reader::readPackets()
{
    if (m_buffer.size() < 2)
        return;
    consumeOne();
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
