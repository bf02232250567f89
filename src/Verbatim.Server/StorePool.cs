using System.Collections.Concurrent;
using Verbatim.Storage;

namespace Verbatim.Server;

/// <summary>
/// Store instances for concurrent requests: an <see cref="IQuoteStore"/> is one connection and serves one caller at a
/// time, so each request borrows one and gives it back. Idle instances are kept up to a bound; extra ones are closed.
/// </summary>
public sealed class StorePool : IDisposable
{
    private readonly Func<IQuoteStore> _open;
    private readonly ConcurrentBag<IQuoteStore> _idle = [];
    private readonly int _keep;
    private int _idleCount;
    private volatile bool _disposed;

    public StorePool(Func<IQuoteStore> open, int keep)
    {
        _open = open;
        _keep = Math.Max(1, keep);
    }

    public T Use<T>(Func<IQuoteStore, T> work)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        IQuoteStore store;
        if (_idle.TryTake(out var taken))
        {
            Interlocked.Decrement(ref _idleCount);
            store = taken;
        }
        else
        {
            store = _open();
        }
        var healthy = false;
        try
        {
            var result = work(store);
            healthy = true;
            return result;
        }
        finally
        {
            // A store that threw may hold a broken transaction or connection: close it rather than reuse it.
            if (healthy && !_disposed && Interlocked.Increment(ref _idleCount) <= _keep) _idle.Add(store);
            else
            {
                if (healthy && !_disposed) Interlocked.Decrement(ref _idleCount);
                store.Dispose();
            }
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var s)) s.Dispose();
    }
}
