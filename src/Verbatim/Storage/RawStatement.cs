using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Verbatim.Storage;

/// <summary>
/// One prepared SQLite statement driven through the native API (bind, step, reset) for the ingest's hottest inserts:
/// Microsoft.Data.Sqlite's per-execution work (a data reader, parameter objects, boxing) costs more than the insert itself
/// for a small row. Parameters are numbered (<c>?1</c>, <c>?2</c>...); every parameter is bound before each run. Runs on
/// the connection's current transaction. Not thread-safe; disposed before its connection.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        var rc = raw.sqlite3_prepare_v2(_db, sql, out _stmt);
        if (rc != raw.SQLITE_OK) throw Error(rc);
    }

    public RawStatement Bind(int i, long value)
    {
        raw.sqlite3_bind_int64(_stmt, i, value);
        return this;
    }

    public RawStatement Bind(int i, long? value)
    {
        if (value is { } v) raw.sqlite3_bind_int64(_stmt, i, v);
        else raw.sqlite3_bind_null(_stmt, i);
        return this;
    }

    public RawStatement Bind(int i, double value)
    {
        raw.sqlite3_bind_double(_stmt, i, value);
        return this;
    }

    public RawStatement Bind(int i, string? value)
    {
        if (value is null) raw.sqlite3_bind_null(_stmt, i);
        else raw.sqlite3_bind_text16(_stmt, i, value.AsSpan());
        return this;
    }

    /// <summary>Runs the statement; returns the first column of its first row (a <c>RETURNING</c>), or null when it returned none.</summary>
    public long? Run()
    {
        var rc = raw.sqlite3_step(_stmt);
        long? value = rc == raw.SQLITE_ROW ? raw.sqlite3_column_int64(_stmt, 0) : null;
        Finish(rc);
        return value;
    }

    /// <summary>Runs a query; returns the first column of its first row as text, or null when it returned no row (or null).</summary>
    public string? RunText()
    {
        var rc = raw.sqlite3_step(_stmt);
        string? value = rc == raw.SQLITE_ROW && raw.sqlite3_column_type(_stmt, 0) != raw.SQLITE_NULL
            ? raw.sqlite3_column_text(_stmt, 0).utf8_to_string() : null;
        Finish(rc);
        return value;
    }

    /// <summary>Steps past any further rows (<paramref name="rc"/> is the first step's code), then resets the statement;
    /// throws SQLite's error if the statement did not run to its end.</summary>
    private void Finish(int rc)
    {
        while (rc == raw.SQLITE_ROW) rc = raw.sqlite3_step(_stmt);
        if (rc != raw.SQLITE_DONE)
        {
            var e = Error(rc);
            raw.sqlite3_reset(_stmt);
            throw e;
        }
        raw.sqlite3_reset(_stmt);
    }

    /// <summary>The rowid of the last row inserted on the connection.</summary>
    public long LastRowId => raw.sqlite3_last_insert_rowid(_db);

    private SqliteException Error(int rc) =>
        new(raw.sqlite3_errmsg(_db).utf8_to_string() ?? $"SQLite error {rc}", rc, raw.sqlite3_extended_errcode(_db));

    public void Dispose() => _stmt.Dispose();
}
