using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Verbatim.Server;

/// <summary>
/// API keys, stored hashed: a key is <c>vb_</c> + 32 random bytes (base64url), shown once when made; the keys file keeps
/// one line per key, <c>id TAB name TAB sha256(key) TAB created</c>, never the key. A hash of a 256-bit random secret
/// needs no slow KDF. Lookups compare hashes in constant time; the file is re-read when it changes (no restart needed).
/// </summary>
public sealed class ApiKeys
{
    public const string Prefix = "vb_";
    private readonly string? _path;
    private readonly Lock _lock = new();
    private DateTime _stamp = DateTime.MinValue;
    private long _length = -1;
    private IReadOnlyList<Entry> _entries = [];

    public sealed record Entry(string Id, string Name, byte[] Hash, string Created);

    public ApiKeys(string? path) => _path = path;

    public string? Path => _path;

    /// <summary>Makes a key, appends its hash to the keys file (created with owner-only permissions), returns the key.</summary>
    public static (string Key, string Id) Create(string path, string name)
    {
        if (name.Any(c => c is '\t' or '\n' or '\r')) throw new ArgumentException("a key name cannot hold tabs or line breaks", nameof(name));
        var key = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var line = string.Join('\t', id, name, Convert.ToHexStringLower(Hash(key)),
            DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)) + "\n";
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var isNew = !File.Exists(full);
        using (var f = new FileStream(full, FileMode.Append, FileAccess.Write, FileShare.Read))
        {
            if (isNew && !OperatingSystem.IsWindows())
                File.SetUnixFileMode(full, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            if (isNew) f.Write("# Verbatim API keys: id, name, SHA-256 of the key, created. The keys themselves are not kept.\n"u8);
            f.Write(Encoding.UTF8.GetBytes(line));
        }
        return (key, id);
    }

    /// <summary>The key's entry when <paramref name="key"/> is a known key, else null.</summary>
    public Entry? Find(string? key)
    {
        if (string.IsNullOrEmpty(key) || !key.StartsWith(Prefix, StringComparison.Ordinal) || key.Length > 200) return null;
        var hash = Hash(key);
        Entry? found = null;
        foreach (var e in Current())
            if (CryptographicOperations.FixedTimeEquals(e.Hash, hash)) found = e;
        return found;
    }

    public int Count => Current().Count;

    private IReadOnlyList<Entry> Current()
    {
        if (_path is null) return [];
        var info = new FileInfo(_path);
        if (!info.Exists) return [];
        lock (_lock)
        {
            if (info.LastWriteTimeUtc == _stamp && info.Length == _length) return _entries;
            var list = new List<Entry>();
            foreach (var line in File.ReadLines(_path))
            {
                if (line.Length == 0 || line[0] == '#') continue;
                var f = line.Split('\t');
                if (f.Length < 4 || f[2].Length != 64) continue;
                try { list.Add(new Entry(f[0], f[1], Convert.FromHexString(f[2]), f[3])); }
                catch (FormatException) { }
            }
            (_entries, _stamp, _length) = (list, info.LastWriteTimeUtc, info.Length);
            return list;
        }
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static string Base64Url(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The default keys file for a store: beside a SQLite file (<c>FILE.keys</c>), else <c>./verbatim.keys</c>.</summary>
    public static string DefaultPath(string store) =>
        Storage.QuoteStores.IsPostgres(store) ? System.IO.Path.Combine(Environment.CurrentDirectory, "verbatim.keys") : store + ".keys";
}
