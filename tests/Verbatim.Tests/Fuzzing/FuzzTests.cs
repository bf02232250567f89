using Verbatim.Fuzzing;
using Verbatim.Pipeline;

namespace Verbatim.Tests.Fuzzing;

/// <summary>Hostile input through the readers and the pipeline: each finding of `verbatim fuzz` becomes a case here.</summary>
public sealed class FuzzTests
{
    private static readonly Fuzzer Fuzzer = new(VerbatimPipeline.Default);

    // Inputs the fuzzer once broke (kind, seed): kept as regression cases.
    [Theory]
    [InlineData("word-soup", 65)] // a dash attribution with an empty source span crashed speaker resolution
    [InlineData("hostile-html", 1)] // ~270 KB of nested tags: the parser reopened formatting elements past the markup cap and the
    [InlineData("hostile-html", 20)] // main-text extractor took 9-16 s; now the parsed page is folded at depth 40 (under 1 s)
    [InlineData("hostile-html", 22)]
    [InlineData("hostile-html", 1012)] // 262 KB page with no article text: 1.4 s of CPU, over budget only on a machine loaded 4x
    [InlineData("broken-warc", 1015)] // a broken header, then a truncated member: over budget only from the first JIT on a loaded machine
    [InlineData("truncated-gzip", 1002)] // a record ending in "two to": the time parser looked one word past the text's end
    public void A_former_finding_now_passes(string kind, int seed) =>
        Assert.Null(Fuzzer.Check(HostileInputs.Make(kind, seed, 1024 * 1024)));

    [Fact]
    public void Every_kind_of_hostile_input_passes_for_a_range_of_seeds()
    {
        var findings = new List<string>();
        foreach (var kind in HostileInputs.Kinds)
            for (int seed = 1; seed <= 25; seed++)
            {
                // small sizes here; `verbatim fuzz` (run by CI) covers the huge ones
                if (Fuzzer.Check(HostileInputs.Make(kind, seed, 256 * 1024)) is { } f) findings.Add($"{f.Kind} seed {f.Seed}: {f.Problem}");
            }
        Assert.Empty(findings);
    }

    [Fact]
    public void The_generators_are_deterministic() =>
        Assert.Equal(HostileInputs.Make("quote-soup", 7, 4096).Bytes, HostileInputs.Make("quote-soup", 7, 4096).Bytes);

    [Fact]
    public void Broken_input_is_rejected_with_a_reason_not_thrown()
    {
        var input = HostileInputs.Make("bad-date", 3, 4096);
        Assert.Null(Fuzzer.Check(input));
        var read = global::Verbatim.Readers.ArticleSources.FromText(input.Bytes, "x", "x", new global::Verbatim.Readers.ReaderOptions());
        Assert.True(read.IsArticle || !string.IsNullOrWhiteSpace(read.Rejection!.Reason));
    }
}
