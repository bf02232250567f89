using Verbatim.Storage;

namespace Verbatim.Server;

/// <summary>
/// One store instance for the corpus work — verify, a quote's cluster, and ingest — used by one request at a time. A
/// store keeps its corpus-wide speaker directory and quote-cluster index in memory; one instance here holds them once
/// (and its own ingests keep them current) instead of a copy in every pooled connection. Searches and lookups use the
/// <see cref="StorePool"/>.
/// </summary>
public sealed class CorpusLane(Func<IQuoteStore> open) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IQuoteStore? _store;
    private bool _disposed;

    public async Task<T> UseAsync<T>(Func<IQuoteStore, T> work, CancellationToken cancel)
    {
        await _gate.WaitAsync(cancel);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _store ??= open();
            try
            {
                return work(_store);
            }
            catch
            {
                // A store that threw may hold a broken transaction or half-loaded state: open a fresh one next time.
                _store.Dispose();
                _store = null;
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _gate.Wait();
        try
        {
            _disposed = true;
            _store?.Dispose();
            _store = null;
        }
        finally
        {
            _gate.Release();
        }
    }
}
