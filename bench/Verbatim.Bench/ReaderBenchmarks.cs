using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Verbatim.Readers;

namespace Verbatim.Bench;

/// <summary>Reader kernels over an in-memory corpus: decoding plain text, parsing JSON Lines.</summary>
[MemoryDiagnoser]
public class ReaderBenchmarks
{
    private byte[][] _texts = [];
    private byte[] _jsonLines = [];
    private readonly ReaderOptions _options = new();

    [Params(200)]
    public int Articles { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _texts = Enumerable.Range(0, Articles).Select(i => Encoding.UTF8.GetBytes(SyntheticCorpus.Article(700, i))).ToArray();
        var sb = new StringBuilder();
        for (int i = 0; i < Articles; i++)
        {
            var text = SyntheticCorpus.Article(700, i)[17..];
            sb.Append(JsonSerializer.Serialize(new { id = $"a{i}", date = "2022-07-08", title = "T", url = "https://example.org/" + i, publisher = "P", text }))
              .Append('\n');
        }
        _jsonLines = Encoding.UTF8.GetBytes(sb.ToString());
    }

    [Benchmark(Description = "plain text: decode + header")]
    public int PlainText()
    {
        int chars = 0;
        foreach (var bytes in _texts)
            chars += ArticleSources.FromText(bytes, "a", "a.txt", _options).Article!.Text.Length;
        return chars;
    }

    [Benchmark(Description = "JSON Lines: split + parse")]
    public int JsonLines()
    {
        int chars = 0;
        foreach (var r in ArticleSources.FromJsonLines(new MemoryStream(_jsonLines, writable: false), "in.jsonl", "in", _options))
            chars += r.Article!.Text.Length;
        return chars;
    }
}
