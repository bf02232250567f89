using System.Globalization;
using System.Text;
using Verbatim.Pipeline;

namespace Verbatim.Tests.Extraction;

/// <summary>Runs every case of Cases/extraction.cases.md: a small article written for the case and the exact quotes expected.</summary>
public sealed class ExtractionCaseTests
{
    public sealed record Case(string Name, DateOnly Date, string Text, IReadOnlyList<string[]> Expected)
    {
        public override string ToString() => Name;
    }

    private static readonly Lazy<IReadOnlyList<Case>> All = new(() => Load(Path.Combine(AppContext.BaseDirectory, "Cases", "extraction.cases.md")));

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in All.Value) data.Add(c.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Case_gives_exactly_the_expected_quotes(string name)
    {
        var c = All.Value.Single(x => x.Name == name);
        var article = new Article("case", c.Date, c.Text);
        var result = VerbatimPipeline.Default.Extract(article);
        var actual = result.Quotes.Select(q => new[]
        {
            Output.ExtractionJson.KindName(q.Kind),
            Clean(q.Text),
            q.Source?.Text ?? "-",
            q.Cue?.Text ?? "-",
            q.Speaker?.Name ?? "-",
            q.Uttered?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-",
        }).ToList();
        var expected = c.Expected.Select(e => new[] { e[0], Clean(e[1]), e[2], e[3], e[4], e[5] }).ToList();
        Assert.True(Same(expected, actual), $"case '{name}'\nexpected:\n{Show(expected)}\nactual:\n{Show(actual)}");

        // Every offset points into the original text and gives back the quote's text.
        foreach (var q in result.Quotes)
        {
            Assert.Equal(q.Text, string.Join(" ", q.Content.Select(p => p.TextOf(c.Text))));
            if (q.Source is { } s) Assert.Equal(s.Text, c.Text[s.Start..s.End]);
            if (q.Cue is { } cue) Assert.Equal(cue.Text, c.Text[cue.Start..cue.End]);
        }
    }

    private static bool Same(List<string[]> a, List<string[]> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.SequenceEqual(p.Second));

    private static string Show(List<string[]> rows) =>
        rows.Count == 0 ? "  (none)" : string.Join("\n", rows.Select(r => "  " + string.Join(" | ", r)));

    // a line break inside the words is written as a space in the case's one-line expectation
    private static string Clean(string s) => s.Replace('\n', ' ').Trim(' ', '"', '“', '”', '„', '«', '»', '‘', '’', '\'', '.', ',', ';', ':', '!', '?');

    internal static IReadOnlyList<Case> Load(string path)
    {
        var cases = new List<Case>();
        string? name = null;
        var date = new DateOnly(2022, 7, 8);
        var text = new StringBuilder();
        var expected = new List<string[]>();
        string mode = "";
        void Flush()
        {
            if (name is not null) cases.Add(new Case(name, date, text.ToString().TrimEnd('\n'), expected.ToArray()));
            text.Clear();
            expected.Clear();
            date = new DateOnly(2022, 7, 8);
            mode = "";
        }
        foreach (var raw in File.ReadLines(path))
        {
            if (raw.StartsWith("## ", StringComparison.Ordinal)) { Flush(); name = raw[3..].Trim(); continue; }
            if (name is null) continue;
            if (raw.StartsWith("date: ", StringComparison.Ordinal)) { date = DateOnly.Parse(raw[6..], CultureInfo.InvariantCulture); continue; }
            if (raw == "text:") { mode = "text"; continue; }
            if (raw == "expect:") { mode = "expect"; continue; }
            if (mode == "text") text.Append(raw).Append('\n');
            else if (mode == "expect" && raw.Trim().Length > 0)
            {
                var cells = raw.Split('|').Select(x => x.Trim()).ToArray();
                if (cells.Length != 6) throw new FormatException($"case '{name}': an expected line needs 6 cells: {raw}");
                expected.Add(cells);
            }
        }
        Flush();
        return cases;
    }
}

public sealed class AddresseeTests
{
    [Theory]
    [InlineData("Zelensky told CNN on Thursday that the war would end.", "CNN")]
    [InlineData("\"We are ready,\" the mayor told reporters.", "reporters")]
    [InlineData("Caddell told Breitbart News Daily host Alex Marlow that the race was close.", "Breitbart News Daily host Alex Marlow")]
    [InlineData("She told The Star-Ledger of Newark last week she would vote.", "The Star-Ledger of Newark")]
    public void A_tell_cue_gives_the_addressee(string text, string addressee)
    {
        var result = VerbatimPipeline.Default.Extract(new Article("t", new DateOnly(2022, 7, 8), text));
        var quote = Assert.Single(result.Quotes);
        Assert.Equal(addressee, quote.Addressee?.Text);
    }

    [Fact]
    public void Said_has_no_addressee()
    {
        var result = VerbatimPipeline.Default.Extract(new Article("t", null, "Zelensky said the war would end soon."));
        Assert.Null(Assert.Single(result.Quotes).Addressee);
    }
}

public sealed class ComplementizerTests
{
    [Fact]
    public void A_quoted_fragment_leaves_the_complementizer_to_the_mixed_quote_around_it()
    {
        var result = VerbatimPipeline.Default.Extract(new Article("t", new DateOnly(2022, 7, 8), "She said that \"black lives matter\" was a slogan."));
        var mixed = Assert.Single(result.Quotes, q => q.Kind == QuoteKind.Mixed);
        var fragment = Assert.Single(result.Quotes, q => q.Kind == QuoteKind.Direct);
        Assert.Equal("that", mixed.Complementizer?.Text);
        Assert.Equal("black lives matter", fragment.Text);
        Assert.Null(fragment.Complementizer);
    }

    // (text, the reported words, the complementizer's text or null)
    [Theory]
    [InlineData("Zelensky said on Thursday that the war would end soon.", "the war would end soon", "that")]
    [InlineData("The minister insisted that prices would fall next year.", "prices would fall next year", "that")]
    [InlineData("Zelensky said the war would end soon.", "the war would end soon", null)]
    [InlineData("\"We will win,\" Zelensky said.", "We will win,", null)]
    // A quotation that is all a clause reports: PolNeAR draws "that" inside it too.
    [InlineData("The senator said that \u201cthe plan is dead.\u201d", "the plan is dead.", "that")]
    [InlineData("The mayor said that, \"Nobody will lose a job.\"", "Nobody will lose a job.", "that")]
    public void Reported_words_leave_out_their_complementizer_and_report_it_apart(string text, string content, string? complementizer)
    {
        var result = VerbatimPipeline.Default.Extract(new Article("t", new DateOnly(2022, 7, 8), text));
        var quote = Assert.Single(result.Quotes);
        Assert.Equal(content, quote.Text);
        if (complementizer is null)
        {
            Assert.Null(quote.Complementizer);
            return;
        }
        var c = Assert.IsType<SpanText>(quote.Complementizer);
        Assert.Equal(complementizer, c.Text);
        Assert.Equal(text.IndexOf(" that", StringComparison.Ordinal) + 1, c.Start);
        Assert.Equal(c.Text, text[c.Start..c.End]);
        // Only white space (and, before a quotation, its opening mark and a comma) between it and the words; the JSON carries it.
        Assert.True(text[c.End..quote.Content[0].Start].All(ch => char.IsWhiteSpace(ch) || ch is ',' or '"' or '\u201c'));
        if (quote.Kind != QuoteKind.Direct) Assert.True(string.IsNullOrWhiteSpace(text[c.End..quote.Content[0].Start]));
        Assert.Contains($"\"complementizer\":{{\"start\":{c.Start},\"end\":{c.End},\"text\":\"that\"}}", Output.ExtractionJson.ToJson(result).Replace(" ", ""));
    }

    // (text, the reported words, the word that opens them with their attribution or an aside between, or null)
    [Theory]
    [InlineData("He attacked the policies, which he said had harmed the economy.", "had harmed the economy", "which")]
    [InlineData("Voters backed the senator, who Anna Kovacs said would win easily.", "would win easily", "who")]
    [InlineData("The policies he said had harmed the economy were repealed.", null, null)]
    public void Words_opening_reported_speech_across_its_attribution_are_reported_apart(string text, string? content, string? opening)
    {
        var result = VerbatimPipeline.Default.Extract(new Article("t", new DateOnly(2022, 7, 8), text));
        if (content is null)
        {
            Assert.All(result.Quotes, q => Assert.Null(q.Complementizer));
            return;
        }
        var quote = Assert.Single(result.Quotes, q => q.Text == content);
        var c = Assert.IsType<SpanText>(quote.Complementizer);
        Assert.Equal(opening, c.Text);
        Assert.Equal(text.IndexOf(" " + opening + " ", StringComparison.Ordinal) + 1, c.Start);
        // PolNeAR draws it as the content's own part, not over the attribution between.
        Assert.Equal([c.Span, .. quote.Content], Verbatim.Evaluation.PolnearScorer.ContentAsPolnearDraws(quote));
    }
}

public sealed class ClosingMarkTests
{
    // (text, the mixed quote's text): reported words that end inside a quotation they opened keep its closing mark.
    [Theory]
    [InlineData("The Ukrainian leader added that Russia \u201cwill pay for every crime.\u201d", "Russia \u201cwill pay for every crime.\u201d")]
    [InlineData("The mayor said the budget was \"a disgrace.\"", "the budget was \"a disgrace.\"")]
    public void Reported_words_that_end_inside_their_quotation_end_with_its_closing_mark(string text, string mixedText)
    {
        var result = VerbatimPipeline.Default.Extract(new Article("t", new DateOnly(2022, 7, 8), text));
        var mixed = Assert.Single(result.Quotes, q => q.Kind == QuoteKind.Mixed);
        Assert.Equal(mixedText, mixed.Text);
        Assert.Equal(text.Length, mixed.Content[^1].End);
        // The quoted fragment is its own direct quote, inside its marks as before.
        var fragment = Assert.Single(result.Quotes, q => q.Kind == QuoteKind.Direct);
        Assert.DoesNotContain('\u201d', fragment.Text);
        Assert.DoesNotContain('"', fragment.Text);
    }

    [Fact]
    public void Reported_words_with_no_quotation_keep_their_edges()
    {
        var result = VerbatimPipeline.Default.Extract(new Article("t", new DateOnly(2022, 7, 8), "The mayor said the budget was a disgrace."));
        Assert.Equal("the budget was a disgrace", Assert.Single(result.Quotes).Text);
    }
}

public sealed class WholeReportQuotationTests
{
    // (text, the quotation's words, the cue, the day it was said or null) in an article of Friday 2022-07-08.
    [Theory]
    [InlineData("Smith told reporters on Monday that \"the plan is dead.\"", "the plan is dead.", "told", "2022-07-04")]
    [InlineData("The minister said Tuesday that, \u201cWe will not give up the fight.\u201d", "We will not give up the fight.", "said", "2022-07-05")]
    [InlineData("Smith told CNN that \"the plan is dead.\"", "the plan is dead.", "told", null)]
    [InlineData("Smith said that \"the plan is dead.\"", "the plan is dead.", "said", null)]
    public void A_quotation_that_is_all_its_cue_reports_is_one_direct_quote(string text, string words, string cue, string? uttered)
    {
        var result = VerbatimPipeline.Default.Extract(new Article("t", new DateOnly(2022, 7, 8), text));
        var quote = Assert.Single(result.Quotes);
        Assert.Equal(QuoteKind.Direct, quote.Kind);
        Assert.Equal(words, quote.Text);
        Assert.Equal(cue, quote.Cue?.Text);
        Assert.Equal("that", quote.Complementizer?.Text);
        Assert.Equal(uttered, quote.Uttered?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        // As sure as a quotation introduced by its cue, not a fragment of someone's reported words.
        Assert.True(quote.Confidence >= 0.5, $"confidence {quote.Confidence}");
    }

    [Fact]
    public void A_quoted_fragment_of_a_longer_report_keeps_its_mixed_quote()
    {
        var result = VerbatimPipeline.Default.Extract(new Article("t", new DateOnly(2022, 7, 8), "Smith told reporters that \"the plan\" was dead."));
        Assert.Equal(2, result.Quotes.Count);
        Assert.Contains(result.Quotes, q => q.Kind == QuoteKind.Mixed);
        Assert.Equal("the plan", Assert.Single(result.Quotes, q => q.Kind == QuoteKind.Direct).Text);
    }
}

public sealed class LongArticleSpeakerTests
{
    [Fact]
    public void A_pronoun_early_in_a_long_article_finds_the_person_named_before_it()
    {
        // Hundreds of names after the pronoun: the search for its antecedent starts where the pronoun is, not at the
        // article's last name.
        var text = new StringBuilder("Maria Lopez arrived in the morning. She said the plan was dead.\n\n");
        for (int i = 0; i < 400; i++) text.Append("Visitor Number").Append(i).Append(" Carter came by.\n\n");
        var result = VerbatimPipeline.Default.Extract(new Article("t", new DateOnly(2022, 7, 8), text.ToString()));
        var quote = Assert.Single(result.Quotes);
        Assert.Equal("She", quote.Source?.Text);
        Assert.Equal("Maria Lopez", quote.Speaker?.Name);
    }
}
