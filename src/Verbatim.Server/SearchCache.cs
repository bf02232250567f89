using System.Collections.Concurrent;
using System.Diagnostics;

namespace Verbatim.Server;

/// <summary>
/// Search responses kept as the bytes sent, by the request's normalised parameters, so a repeated search costs no store
/// work and no serialisation. Bounded: two generations of at most half the byte budget each; when the newer one is
/// full it becomes the older one and the older one is dropped (an approximate LRU: a hit in the older generation moves
/// the entry to the newer one). Never stale for long: every write through this server
/// clears it (<see cref="Invalidate"/>), and the store's change counter, asked at most every
/// <see cref="PollInterval"/>, clears it when another process wrote; with a store without a counter entries live
/// <see cref="PollInterval"/> at most.
/// </summary>
public sealed class SearchCache
{
    /// <summary>How often the store is asked whether it changed (and, without a counter, how long an entry lives), by default.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>How often the store is asked whether it changed (and, without a counter, how long an entry lives).</summary>
    public TimeSpan PollInterval { get; }

    /// <summary>Responses larger than this are not kept (a page of 100 long quotes).</summary>
    public const int MaxEntryBytes = 512 * 1024;

    private sealed record Entry(byte[] Body, long Version, long At);

    private readonly long _generationBytes;
    private readonly Func<long?> _counter;
    private ConcurrentDictionary<string, Entry> _current = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, Entry> _older = new(StringComparer.Ordinal);
    private long _currentBytes;
    private long _version;
    private long? _lastCounter;     // read and written by the one polling caller only
    private volatile bool _hasCounter; // whether the store has a change counter (entries otherwise expire)
    private long _lastPoll = long.MinValue;
    private int _polling;
    private readonly object _swap = new();
    private long _hits, _misses;

    /// <param name="budgetBytes">The most bytes of responses kept; 0 turns the cache off.</param>
    /// <param name="counter">The store's change counter (<see cref="Storage.IQuoteStore.ChangeCounter"/>); null when it has none.</param>
    /// <param name="pollInterval">How often to ask the counter; default <see cref="DefaultPollInterval"/>.</param>
    public SearchCache(long budgetBytes, Func<long?> counter, TimeSpan? pollInterval = null)
    {
        PollInterval = pollInterval ?? DefaultPollInterval;
        _generationBytes = Math.Max(0, budgetBytes / 2);
        _counter = counter;
    }

    public bool Enabled => _generationBytes > 0;
    public long Hits => Interlocked.Read(ref _hits);
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>
    /// The version a search starting now works against: pass it to <see cref="Put"/>, which keeps the answer only if
    /// nothing was written meanwhile.
    /// </summary>
    public long Version
    {
        get
        {
            Poll();
            return Interlocked.Read(ref _version);
        }
    }

    public bool TryGet(string key, out byte[] body)
    {
        body = [];
        if (!Enabled) return false;
        var version = Version;
        if ((_current.TryGetValue(key, out var e) || _older.TryGetValue(key, out e)) && Valid(e, version))
        {
            if (!_current.ContainsKey(key)) Add(key, e); // kept when the older generation is dropped
            Interlocked.Increment(ref _hits);
            body = e.Body;
            return true;
        }
        Interlocked.Increment(ref _misses);
        return false;
    }

    public void Put(string key, byte[] body, long version)
    {
        if (!Enabled || body.Length > MaxEntryBytes || version != Interlocked.Read(ref _version)) return;
        Add(key, new Entry(body, version, Stopwatch.GetTimestamp()));
    }

    /// <summary>Drops every entry: call after this server wrote to the store (before answering the write).</summary>
    public void Invalidate()
    {
        lock (_swap)
        {
            Interlocked.Increment(ref _version);
            _current = new(StringComparer.Ordinal);
            _older = new(StringComparer.Ordinal);
            Interlocked.Exchange(ref _currentBytes, 0);
        }
    }

    private bool Valid(Entry e, long version) =>
        e.Version == version && (_hasCounter || Stopwatch.GetElapsedTime(e.At) < PollInterval);

    private void Add(string key, Entry e)
    {
        if (_current.TryAdd(key, e) && Interlocked.Add(ref _currentBytes, e.Body.Length + key.Length * 2 + 64) > _generationBytes)
        {
            lock (_swap)
            {
                if (Interlocked.Read(ref _currentBytes) <= _generationBytes) return;
                _older = _current;
                _current = new(StringComparer.Ordinal);
                Interlocked.Exchange(ref _currentBytes, 0);
            }
        }
    }

    /// <summary>Asks the store's change counter when the last answer is older than <see cref="PollInterval"/>; one caller at a time.</summary>
    private void Poll()
    {
        if (!Enabled) return;
        var now = Stopwatch.GetTimestamp();
        var last = Interlocked.Read(ref _lastPoll);
        if (last != long.MinValue && now - last < PollInterval.TotalSeconds * Stopwatch.Frequency) return;
        if (Interlocked.CompareExchange(ref _polling, 1, 0) != 0) return;
        try
        {
            long? counter;
            try { counter = _counter(); }
            catch (Exception) { counter = null; } // the store did not answer: keep nothing; the search itself reports the error
            if (counter is null || counter != _lastCounter)
            {
                if (_lastCounter is not null || counter is null) Invalidate();
                _lastCounter = counter;
                _hasCounter = counter is not null;
            }
            Interlocked.Exchange(ref _lastPoll, Stopwatch.GetTimestamp());
        }
        finally
        {
            Volatile.Write(ref _polling, 0);
        }
    }
}
