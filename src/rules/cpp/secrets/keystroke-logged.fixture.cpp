// Fixture for keystroke-logged: key codes and typed text written to log streams.
#include <QtGui/QKeyEvent>
#include <QtCore/QDebug>

#define PAD_DEBUG() qCDebug(lcPad)

void Pad::deliverKey(int code, const QString &typed, int mods)
{
    QKeyEvent press(QEvent::KeyPress, code, Qt::KeyboardModifiers(mods), typed);
    if (!m_target) {
        // ruleid: keystroke-logged
        qWarning() << "no target for key" << code << typed
                   << "window" << m_window;
        return;
    }
    // ok: keystroke-logged
    PAD_DEBUG() << "Pad::deliverKey()" << mods;
    QCoreApplication::sendEvent(m_target, &press);
}

bool Pad::press(Qt::Key which, const QString &label, bool autoRepeat)
{
    // ruleid: keystroke-logged
    PAD_DEBUG().nospace() << "Pad::press " << which;
    // ok: keystroke-logged
    PAD_DEBUG() << "Pad::press repeat" << autoRepeat;
    return handle(which, label);
}

void Pad::showComposing(const QString &composing, int from)
{
    QInputMethodEvent event(composing, {});
    // ruleid: keystroke-logged
    qCDebug(lcPad) << "composing" << composing << from;
    // ok: keystroke-logged
    qCDebug(lcPad) << "composing length" << composing.size();
    QCoreApplication::sendEvent(m_target, &event);
}

void Pad::commitWord(const QString &word)
{
    QInputMethodEvent event;
    event.setCommitString(word);
    PAD_DEBUG() << "commit"
#ifdef PAD_SENSITIVE_DEBUG
    // ok: keystroke-logged
                << word
#endif
        ;
#ifdef PAD_SENSITIVE_DEBUG
    // ok: keystroke-logged
    qDebug() << "commit word" << word;
#endif
    QCoreApplication::sendEvent(m_target, &event);
}

// Text that never reaches a key event is ordinary data.
void Pad::loadLayout(const QString &layoutName, int rows)
{
    // ok: keystroke-logged
    qDebug() << "loading layout" << layoutName << rows;
    // ok: keystroke-logged
    std::cout << layoutName;
}
