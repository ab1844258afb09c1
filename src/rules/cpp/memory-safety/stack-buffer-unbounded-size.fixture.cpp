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

// Clamped where it is computed: no more than a fixed number of frames.
void Output::pullClamped()
{
    const int frames = m_format.framesForBytes(bytesFree());
    const int bytes = m_format.bytesForFrames(qMin(frames, 4096));
    // ok: stack-buffer-unbounded-size
    char buffer[bytes];
    m_source->read(buffer, bytes);
}

// A const made from a trait of a template parameter is a compile-time size.
template <typename Packet>
void reduce(const Packet &a)
{
    const size_t n = packet_traits<Packet>::size;
    // ok: stack-buffer-unbounded-size
    float elements[n];
    store(elements, a);
}

// A const computed from a parameter is still the caller's value.
void Encoder::encode(int frames)
{
    const int bytes = frames * 4;
    // ruleid: stack-buffer-unbounded-size
    char out[bytes];
    write(out, bytes);
}
