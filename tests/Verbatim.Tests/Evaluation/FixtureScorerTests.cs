using Verbatim.Cli;
using Verbatim.Evaluation;

namespace Verbatim.Tests.Evaluation;

/// <summary>
/// A tiny hand-annotated article and a fake extractor:
/// <code>
/// g1 indirect "peace is near"      Volodymyr Zelenskyy, uttered 2022-07-07
/// g2 direct, two parts             Volodymyr Zelenskyy
/// g3 indirect "nothing new"        Boris Johnson, uttered 2022-07-07
/// p1 "peace is near."   speaker "the ukrainian LEADER" (alias, case, leading "the")  uttered right
/// p2 both parts of g2   speaker "Zelensky" (a one-word alias: not enough)
/// p3 on the notQuotes sentence                                                   false
/// p4 "nothing new"      speaker "British PM" (alias "the British P.M.")  kind mixed ≠ indirect, uttered wrong
/// p5 "Johnson said"     matches no gold quote                                        false
/// </code>
/// </summary>
public sealed class FixtureScorerTests : IDisposable
{
    private const string Header = " date 2022-07-08 ";
    private const string Text = Header + "President Volodymyr Zelenskyy said on Thursday that peace is near. \"We will not give up,\" Zelensky said. "
        + "\"We will fight.\" He also praised Sweden for joining NATO. Johnson said nothing new.";
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static TextSpan At(string s, int nth = 0)
    {
        int at = -1;
        for (int i = 0; i <= nth; i++) at = Text.IndexOf(s, at + 1, StringComparison.Ordinal);
        Assert.True(at >= 0, s);
        return new TextSpan(at, at + s.Length);
    }

    private static string Span(TextSpan s) => $"{{\"start\":{s.Start},\"end\":{s.End},\"text\":\"{s.TextOf(Text)}\"}}";

    private string WriteGold()
    {
        File.WriteAllText(_dir.Combine("tiny.txt"), Text);
        var zelensky = At("Zelensky said");
        var gold = $$"""
        {
          "article": { "file": "tiny.txt", "date": "2022-07-08" },
          "speakers": [
            { "name": "Volodymyr Zelenskyy", "aliases": ["President Volodymyr Zelenskyy", "Zelensky", "the Ukrainian leader", "He"] },
            { "name": "Boris Johnson", "aliases": ["the British P.M.", "Johnson"] }
          ],
          "otherPeople": [],
          "notQuotes": ["He also praised Sweden for joining NATO.", "This sentence is not in the text."],
          "quotes": [
            { "kind": "indirect", "content": [{{Span(At("peace is near"))}}], "text": "peace is near",
              "cue": {{Span(At("said"))}}, "source": {{Span(At("President Volodymyr Zelenskyy"))}},
              "speaker": "Volodymyr Zelenskyy", "uttered": "2022-07-07" },
            { "kind": "direct", "content": [{{Span(At("We will not give up,"))}}, {{Span(At("We will fight."))}}],
              "text": "We will not give up, We will fight.",
              "cue": {{Span(At("said", 1))}}, "source": {{Span(new TextSpan(zelensky.Start, zelensky.Start + 8))}},
              "speaker": "Volodymyr Zelenskyy" },
            { "kind": "indirect", "content": [{{Span(At("nothing new"))}}], "text": "nothing new",
              "cue": {{Span(At("said", 2))}}, "source": {{Span(At("Johnson"))}},
              "speaker": "Boris Johnson", "uttered": "2022-07-07" }
          ]
        }
        """;
        var path = _dir.Combine("tiny.gold.json");
        File.WriteAllText(path, gold);
        return path;
    }

    private static Quote Q(int n, QuoteKind kind, string? speaker, DateOnly? uttered, params TextSpan[] content) => new()
    {
        Id = $"p{n}",
        Kind = kind,
        Content = content,
        Text = string.Join(' ', content.Select(c => c.TextOf(Text))),
        Speaker = speaker is null ? null : new SpeakerRef("s", speaker, SpeakerType.Person),
        Uttered = uttered,
        Confidence = 0.5,
    };

    private static ArticleExtraction Fake(Article article, bool splitTwoParts = false)
    {
        Assert.Equal(Text, article.Text);
        var thursday = new DateOnly(2022, 7, 7);
        var quotes = new List<Quote>
        {
            Q(1, QuoteKind.Indirect, "the ukrainian LEADER", thursday, At("peace is near.")),
            splitTwoParts
                ? Q(2, QuoteKind.Direct, "Zelensky", null, At("We will not give up"))
                : Q(2, QuoteKind.Direct, "Zelensky", null, At("We will not give up"), At("We will fight")),
            Q(3, QuoteKind.Indirect, "He", null, At("Sweden for joining NATO")),
            Q(4, QuoteKind.Mixed, "British PM", new DateOnly(2022, 7, 6), At("nothing new")),
            Q(5, QuoteKind.Indirect, null, null, At("Johnson said")),
        };
        return new ArticleExtraction(article, quotes, []);
    }

    [Fact]
    public void Gold_loads_with_the_article_beside_it()
    {
        var a = Assert.Single(FixtureCorpus.Load(WriteGold()));
        Assert.Equal("tiny", a.Article.Id);
        Assert.Equal(new DateOnly(2022, 7, 8), a.Article.Date);
        Assert.Equal(Header.Length, a.Article.BodyStart);
        Assert.Equal(3, a.Quotes.Count);
        Assert.Equal(2, a.Quotes[1].Content.Count);
        Assert.Equal("Zelensky", a.Quotes[1].Source!.Text);
        Assert.Null(a.Quotes[1].Uttered);
    }

    [Fact]
    public void Every_fixture_figure()
    {
        var s = FixtureScorer.Evaluate(FixtureCorpus.Load(WriteGold()), a => Fake(a)).Scores;
        Assert.Equal(3, s.GoldQuotes);
        Assert.Equal(5, s.PredictedQuotes);
        Assert.Equal(3, s.Found);
        Assert.Equal(1.0, s.FoundShare);
        Assert.Equal(2, s.FalseQuotes);            // p3 (notQuotes) and p5 (no gold)
        Assert.Equal(1, s.FalseOnNotQuotes);
        Assert.Equal(2, s.NotQuotes);
        Assert.Equal(1, s.NotQuotesUnlocated);
        Assert.Equal(0.6, s.Precision, 10);
        Assert.Equal(2, s.SpeakerRight);           // p1 and p4; not p2 ("Zelensky" is one word)
        Assert.Equal(2, s.KindRight);              // p4 is mixed, gold indirect
        Assert.Equal(2, s.UtteredCompared);        // g2 gives no uttered
        Assert.Equal(1, s.UtteredRight);
        Assert.Equal(1, s.TwoPartGold);
        Assert.Equal(1, s.TwoPartFoundAsOne);
    }

    [Fact]
    public void A_two_part_quote_found_with_one_part_is_found_but_not_as_one()
    {
        // One part: J = 15/26 with the union of g2's two parts, still a match.
        var s = FixtureScorer.Evaluate(FixtureCorpus.Load(WriteGold()), a => Fake(a, splitTwoParts: true)).Scores;
        Assert.Equal(3, s.Found);
        Assert.Equal(1, s.TwoPartGold);
        Assert.Equal(0, s.TwoPartFoundAsOne);
    }

    [Theory]
    [InlineData("The Ukrainian Leader", "ukrainian leader")]
    [InlineData("  the   British P.M. ", "british pm")]
    [InlineData("Sen. Ted Cruz", "sen ted cruz")]
    [InlineData("Theresa May", "theresa may")]
    [InlineData("the", "the")]
    public void Names_compare_ignoring_case_periods_and_a_leading_the(string name, string normalised) =>
        Assert.Equal(normalised, FixtureScorer.NormalizeName(name));

    [Fact]
    public void Accepted_names_are_the_name_and_aliases_of_two_words_or_more()
    {
        var a = Assert.Single(FixtureCorpus.Load(WriteGold()));
        Assert.Equal(["president volodymyr zelenskyy", "ukrainian leader", "volodymyr zelenskyy"],
            FixtureScorer.AcceptedNames(a, "Volodymyr Zelenskyy").Order(StringComparer.Ordinal));
        Assert.Equal(["british pm", "boris johnson"], FixtureScorer.AcceptedNames(a, "Boris Johnson").Order(StringComparer.Ordinal).Reverse());
        Assert.Equal(["nobody known"], FixtureScorer.AcceptedNames(a, "Nobody Known"));
    }

    [Fact]
    public void Cli_prints_a_table_then_the_json_on_its_last_line_and_writes_diagnostics()
    {
        var gold = WriteGold();
        var errors = _dir.Combine("errors.txt");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int rc = EvalCommand.Run("fixture", gold, jsonOnly: false, errors, null, a => Fake(a), stdout, stderr);
        Assert.Equal(0, rc);
        var lines = stdout.ToString().TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Contains(lines, l => l.Contains("quotes found"));
        using var json = System.Text.Json.JsonDocument.Parse(lines[^1]);
        Assert.Equal(3, json.RootElement.GetProperty("found").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("falseQuotes").GetInt32());
        Assert.Equal(0.6667, json.RootElement.GetProperty("speaker").GetProperty("share").GetDouble());

        var diag = File.ReadAllText(errors);
        Assert.Contains("FALSE p3", diag);
        Assert.Contains("overlaps a notQuotes sentence: \"He also praised Sweden for joining NATO.\"", diag);
        Assert.Contains("FALSE p5", diag);
        Assert.Contains("speaker gold \"Volodymyr Zelenskyy\" | predicted \"Zelensky\"", diag);
        Assert.Contains("kind    gold indirect | predicted mixed", diag);
        Assert.Contains("uttered gold 2022-07-07 | predicted 2022-07-06", diag);
        Assert.Contains("notQuotes sentence not found in the text", diag);
    }

    [Fact]
    public void Cli_json_mode_prints_only_the_json_object()
    {
        var gold = WriteGold();
        var stdout = new StringWriter();
        int rc = EvalCommand.Run("fixture", _dir.Path, jsonOnly: true, null, 1, a => Fake(a), stdout, new StringWriter());
        Assert.Equal(0, rc);
        var text = stdout.ToString().TrimEnd();
        Assert.DoesNotContain('\n', text);
        Assert.StartsWith("{\"corpus\":\"fixture\"", text);
        _ = gold;
    }

    [Fact]
    public void Cli_reports_a_missing_corpus()
    {
        var stderr = new StringWriter();
        Assert.Equal(2, EvalCommand.Run("polnear", _dir.Combine("nowhere"), false, null, null, a => Fake(a), new StringWriter(), stderr));
        Assert.Contains("cannot read", stderr.ToString());
        Assert.Equal(2, EvalCommand.Run("fixture", _dir.Combine("nowhere.gold.json"), false, null, null, a => Fake(a), new StringWriter(), new StringWriter()));
    }
}
