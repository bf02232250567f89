using System.Buffers;

namespace Verbatim.Text;

/// <summary>
/// The shared array pool for the working arrays of one document, up to <see cref="MaxPooled"/> elements; a longer array
/// (a hostile 10 MB one-line article) is allocated and left to the collector, so that the pool never keeps hundreds of
/// megabytes alive per thread after one huge input.
/// </summary>
internal static class BoundedPool<T>
{
    public const int MaxPooled = 1 << 20;

    public static T[] Rent(int length) => length <= MaxPooled ? ArrayPool<T>.Shared.Rent(length) : new T[length];

    public static void Return(T[] array)
    {
        if (array.Length <= MaxPooled) ArrayPool<T>.Shared.Return(array);
    }
}
