using Verbatim.Evaluation;

namespace Verbatim.Tests.Evaluation;

public sealed class BratParserTests
{
    private const string Ann =
        "T1\tSource 0 5\tAlice\n" +
        "T2\tCue 6 10\tsaid\n" +
        "T3\tContent 11 20;25 30\tfirst bit second\n" +
        "T4\tAttribution 6 10\tsaid\n" +
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n" +
        "T5\tContent 40 50\tthe text that\n" +
        "runs over two lines\n" +                          // continuation of T5's text: ignored
        "E2\tAttribution:T4 Source:T1 Cue:T2 Content:T5\n" + // T1, T2, T4 reused
        "T6\tAttribution-no-source 60 64\twere\n" +
        "T7\tContent 65 70\tfacts\n" +
        "E3\tAttribution-no-source:T6 Content:T7\n" +       // no source, no cue
        "T8\tContent 80 85\tmore\n" +
        "E4\tAttribution:T4 Source:T1 Cue:T2 Content:T7 Content2:T8\n" +
        "E5\tAttribution-no-source:T6 \n" +                 // nothing but a trigger
        "#1\tAnnotatorNotes T3\ta note\n" +
        "T9\tDiscard 90 95\tjunk\n" +
        "E6\tAttribution:T4 Content:T99\n" +               // names an undefined T
        "T10\tSource x y\tbad\n";

    [Fact]
    public void Parses_text_bounds_with_discontinuous_parts()
    {
        var doc = BratParser.Parse(Ann);
        Assert.Equal(10 - 1, doc.TextBounds.Count); // T10 is malformed
        var t3 = doc.TextBoundsById["T3"];
        Assert.Equal("Content", t3.Type);
        Assert.Equal([new TextSpan(11, 20), new TextSpan(25, 30)], t3.Parts);
        Assert.Equal("first bit second", t3.Text);
        Assert.Equal("the text that", doc.TextBoundsById["T5"].Text);
        Assert.Contains(doc.Warnings, w => w.Contains("T10"));
    }

    [Fact]
    public void Parses_events_with_roles_in_any_order_and_numbered_roles()
    {
        var doc = BratParser.Parse(Ann);
        Assert.Equal(6, doc.Events.Count);
        var e1 = doc.Events[0];
        Assert.Equal(("E1", "Attribution", "T4"), (e1.Id, e1.Type, e1.TriggerId));
        Assert.Equal(["Content", "Cue", "Source"], e1.Arguments.Select(a => a.Role));
        var e4 = doc.Events[3];
        Assert.Equal(["Source", "Cue", "Content", "Content2"], e4.Arguments.Select(a => a.Role));
        Assert.Equal(["Source", "Cue", "Content", "Content"], e4.Arguments.Select(a => a.BaseRole));
        Assert.Empty(doc.Events[4].Arguments);
    }

    [Fact]
    public void Gold_attributions_handle_missing_roles_reused_mentions_and_content_parts()
    {
        var text = new string('x', 100);
        var a = PolnearCorpus.FromAnnotations(new Article("t", null, text), Ann, "t_a.ann");
        // E5 has no content; E6's content T99 is undefined, so it has none either.
        Assert.Equal(["E1", "E2", "E3", "E4"], a.Attributions.Select(x => x.Id));
        Assert.Equal(2, a.SkippedAttributions);
        Assert.Contains(a.Warnings, w => w.Contains("T99"));

        var e1 = a.Attributions[0];
        Assert.Equal([new TextSpan(11, 20), new TextSpan(25, 30)], e1.Content);
        Assert.Equal([new TextSpan(0, 5)], e1.Source);
        Assert.Equal([new TextSpan(6, 10)], e1.Cue);

        var e2 = a.Attributions[1];                          // the same T1 and T2 as E1
        Assert.Equal(e1.Source, e2.Source);
        Assert.Equal(e1.Cue, e2.Cue);

        var e3 = a.Attributions[2];
        Assert.Null(e3.Source);
        Assert.Null(e3.Cue);
        Assert.Equal([new TextSpan(65, 70)], e3.Content);

        Assert.Equal([new TextSpan(65, 70), new TextSpan(80, 85)], a.Attributions[3].Content); // Content + Content2
    }

    [Fact]
    public void Offsets_in_code_points_become_utf16_when_the_text_has_surrogate_pairs()
    {
        var text = "😀 Bob said yes";                      // the emoji is one code point, two UTF-16 units
        var a = PolnearCorpus.FromAnnotations(new Article("t", null, text),
            "T1\tSource 2 5\tBob\nT2\tCue 6 10\tsaid\nT3\tContent 11 14\tyes\nE1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n", "t.ann");
        var e = Assert.Single(a.Attributions);
        Assert.Equal("Bob", e.Source![0].TextOf(text));
        Assert.Equal("yes", e.Content[0].TextOf(text));
    }

    [Fact]
    public void Of_several_annotators_the_first_file_in_ordinal_order_is_used()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Combine("split", "text"));
        Directory.CreateDirectory(dir.Combine("split", "attributions"));
        var text = "Alice said yes.";
        File.WriteAllText(dir.Combine("split", "text", "news_2016-01-01_x.txt"), text);
        string Ann(string content) => $"T1\tSource 0 5\tAlice\nT2\tCue 6 10\tsaid\nT3\tContent {content}\nE1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n";
        // Ordinal order: "B1" (0x42) before "a1" (0x61) and "c7"; a culture-aware order would put a1 first.
        File.WriteAllText(dir.Combine("split", "attributions", "news_2016-01-01_x_a1.ann"), Ann("11 12\ty"));
        File.WriteAllText(dir.Combine("split", "attributions", "news_2016-01-01_x_c7.ann"), Ann("12 13\te"));
        File.WriteAllText(dir.Combine("split", "attributions", "news_2016-01-01_x_B1.ann"), Ann("11 14\tyes"));
        var articles = PolnearCorpus.Load(dir.Combine("split"));
        var article = Assert.Single(articles);
        Assert.Equal("news_2016-01-01_x", article.Article.Id);
        Assert.EndsWith("news_2016-01-01_x_B1.ann", article.AnnotationFile);
        Assert.Equal(new TextSpan(11, 14), Assert.Single(article.Attributions).Content[0]);
    }
}

/// <summary>A temporary folder, deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "verbatim-eval-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
