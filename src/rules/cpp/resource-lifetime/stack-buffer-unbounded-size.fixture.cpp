// Fixture for stack-buffer-unbounded-size: stack arrays and alloca sized by run-time values, checked or not.
#include <alloca.h>
#include "audio.h"

void Output::pull()
{
    const int bytes = m_format.bytesForFrames(framesFree());
    // ruleid: stack-buffer-unbounded-size
    char buffer[bytes];
    m_source->read(buffer, bytes);
}

int Decoder::decode(int count)
{
    // ruleid: stack-buffer-unbounded-size
    short *samples = static_cast<short *>(alloca(count * sizeof(short)));
    return fill(samples, count);
}

void Output::pullBounded()
{
    int bytes = m_format.bytesForFrames(framesFree());
    if (bytes > MaxChunk)
        bytes = MaxChunk;
    // ok: stack-buffer-unbounded-size
    char buffer[bytes];
    m_source->read(buffer, bytes);
}

void Output::fixed()
{
    const int chunk = 512;
    constexpr int lines = 4;
    // ok: stack-buffer-unbounded-size
    char buffer[chunk * lines];
    // ok: stack-buffer-unbounded-size
    char header[BufferSize + sizeof(quint32)];
    m_source->read(buffer, sizeof buffer);
    m_source->read(header, sizeof header);
}

template <int N>
void Ring::copyOut(char *out)
{
    // ok: stack-buffer-unbounded-size
    char tmp[N];
    snapshot(tmp);
    memcpy(out, tmp, N);
}

// An array parameter is not a stack allocation.
// ok: stack-buffer-unbounded-size
int sum(int n, const int values[n])
{
    int total = 0;
    for (int i = 0; i < n; ++i)
        total += values[i];
    return total;
}
