using Microsoft.Data.Sqlite;

namespace Verbatim.Storage;

/// <summary>
/// Checkpoints a store's write-ahead log on a thread of its own, so that the ingest's writer (the serial stage that bounds
/// its throughput) never waits for the copy into the database file and its sync. The writer turns SQLite's own
/// checkpoints off, asks for one after each commit (<see cref="Request"/>), and before a transaction waits for the
/// checkpointer (<see cref="WaitIdle"/>) only when the log has grown past its bound: a checkpoint that has caught up lets
/// the next write start the log over, so the log file stays bounded. PASSIVE checkpoints never block the writer or a
/// reader; a failed one leaves the log as it was, and the writer then checkpoints for itself again (<see cref="Failed"/>).
/// </summary>
internal sealed class WalCheckpointer : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Thread _thread;
    private readonly object _gate = new();
    private long _requested, _done;
    private bool _stop;

    public WalCheckpointer(string path)
    {
        // It reads nothing but the log's frames: no page cache worth holding.
        _connection = SqliteQuoteStore.OpenSideConnection(path, SqliteOpenMode.ReadWrite, cacheKiB: 1024);
        _thread = new Thread(Run) { IsBackground = true, Name = "verbatim-wal-checkpoint" };
        _thread.Start();
    }

    /// <summary>The exception that stopped the checkpoints, if one did.</summary>
    public Exception? Failed { get; private set; }

    /// <summary>Checkpoints run so far (for tests).</summary>
    public long Checkpoints => Interlocked.Read(ref _done);

    /// <summary>Asks for a checkpoint of everything committed so far (returns at once).</summary>
    public void Request()
    {
        lock (_gate)
        {
            _requested++;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Waits until every requested checkpoint has run (or the checkpointer failed).</summary>
    public void WaitIdle()
    {
        lock (_gate)
            while (_done < _requested && Failed is null && !_stop)
                Monitor.Wait(_gate);
    }

    private void Run()
    {
        while (true)
        {
            long target;
            lock (_gate)
            {
                while (_done >= _requested && !_stop) Monitor.Wait(_gate);
                if (_stop) return;
                target = _requested;
            }
            try
            {
                using var cmd = _connection.CreateCommand();
                cmd.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                cmd.ExecuteNonQuery();
            }
            catch (Exception e)
            {
                lock (_gate)
                {
                    Failed = e;
                    Monitor.PulseAll(_gate);
                }
                return;
            }
            lock (_gate)
            {
                _done = target;
                Monitor.PulseAll(_gate);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stop = true;
            Monitor.PulseAll(_gate);
        }
        _thread.Join();
        _connection.Dispose();
    }
}
