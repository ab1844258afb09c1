// Fixture for nullable-result-dereferenced: results of casts and lookups used unchecked, and checked.
#include "node.h"

void Style::apply(Node *node)
{
    Document *doc = node->document();
    // ruleid: nullable-result-dereferenced
    m_font = doc->font(m_family);
}

void Handler::onClicked()
{
    QPushButton *button = qobject_cast<QPushButton *>(sender());
    // ruleid: nullable-result-dereferenced
    button->setEnabled(false);
}

void Style::applyChecked(Node *node)
{
    Document *doc = node->document();
    if (!doc)
        return;
    // ok: nullable-result-dereferenced
    m_font = doc->font(m_family);
}

void Handler::onToggled()
{
    auto *box = qobject_cast<QCheckBox *>(sender());
    Q_ASSERT(box);
    // ok: nullable-result-dereferenced
    box->setChecked(true);
}

void Widget::resizeChild()
{
    QWidget *child = createChild();
    // ok: nullable-result-dereferenced
    child->resize(10, 10);
}

void tst_Player::loader()
{
    QQuickItem *root = qobject_cast<QQuickItem *>(m_component->create());
    QVERIFY(root);
    // ok: nullable-result-dereferenced
    root->setParentItem(m_view.contentItem());
}
