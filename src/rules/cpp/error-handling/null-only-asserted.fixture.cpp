// Fixture for null-only-asserted: pointers guarded only by a debug assertion, used, and tested for null later; and
// assertions whose pointer is never doubted, uses under a real check, and reassigned pointers.
#include "parser.h"

void Parser::startElement(const QString &name)
{
    Node *node = m_factory->create(name);
    // ruleid: null-only-asserted
    Q_ASSERT(node);
    m_parent->addChild(node);
    if (node)
        m_nodes.push(node);
}

void Parser::endElement()
{
    // ruleid: null-only-asserted
    Q_ASSERT(d->current != nullptr);
    d->current->finish();
    if (!d->current)
        return;
    d->current = d->current->parent();
}

void Parser::trusted(Node *node)
{
    // ok: null-only-asserted
    Q_ASSERT(node);
    node->finish();
    m_nodes.push(node);
}

void Parser::checkedUse(Node *node)
{
    // ok: null-only-asserted
    Q_ASSERT(node);
    if (node)
        node->finish();
    if (node && node->isLast())
        m_done = true;
}

void Parser::reassignedFirst(const QString &name)
{
    Node *node = m_factory->create(name);
    // ok: null-only-asserted
    Q_ASSERT(node);
    node = m_factory->fallback();
    node->finish();
    if (!node)
        return;
}

void Parser::onlyLogged(Node *node)
{
    // ok: null-only-asserted
    Q_ASSERT(node);
    qWarning() << "starting";
    if (node == nullptr)
        return;
    node->finish();
}

void Parser::branchCleanup(Marker *marker, Node *node)
{
    if (marker) {
        marker->apply();
    } else {
        // ok: null-only-asserted
        Q_ASSERT(node);
        m_parent->addChild(node);
    }
    if (node)
        node->release();
}
