using Verbatim.Storage;

namespace Verbatim.Tests.Storage;

/// <summary>Hand-built extractions: offsets are found in the text, so every span really points at its words.</summary>
internal static class Corpus
{
    public sealed record Q(string Content, string Speaker, QuoteKind Kind = QuoteKind.Direct, string Cue = "said", string? Uttered = null, SpeakerType Type = SpeakerType.Person);

    public static ArticleExtraction Article(string id, string? date, string? publisher, string text, params Q[] quotes)
    {
        var article = new Article(id, date is null ? null : DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), text)
        {
            Publisher = publisher,
            Title = $"Title of {id}",
            Url = $"https://example.test/{id}",
            Origin = $"corpus/{id}.txt",
        };
        var speakers = quotes.Select(q => q.Speaker).Distinct().Select(name => new Speaker
        {
            Id = SlugSpeakerIdentity.Slug(name),
            Name = name,
            Type = quotes.First(q => q.Speaker == name).Type,
            Title = name.Contains("President", StringComparison.Ordinal) ? "President" : null,
            Mentions = AllSpans(text, name).Select(s => SpanText.Of(text, s)).ToArray(),
        }).ToArray();
        var list = new List<Quote>();
        for (var i = 0; i < quotes.Length; i++)
        {
            var q = quotes[i];
            var content = Find(text, q.Content);
            var source = Find(text, q.Speaker);
            var cueAt = text.IndexOf(q.Cue, StringComparison.Ordinal);
            list.Add(new Quote
            {
                Id = $"{id}#q{i + 1}",
                Kind = q.Kind,
                Content = [content],
                Text = q.Content,
                Cue = cueAt < 0 ? null : new SpanText(cueAt, cueAt + q.Cue.Length, q.Cue),
                Source = SpanText.Of(text, source),
                Speaker = new SpeakerRef(SlugSpeakerIdentity.Slug(q.Speaker), q.Speaker, q.Type),
                Addressee = null,
                Uttered = q.Uttered is null ? null : DateOnly.Parse(q.Uttered, System.Globalization.CultureInfo.InvariantCulture),
                Confidence = 0.5 + i * 0.125,
                Times = [],
            });
        }
        return new ArticleExtraction(article, list, speakers);
    }

    private static TextSpan Find(string text, string words)
    {
        var at = text.IndexOf(words, StringComparison.Ordinal);
        if (at < 0) throw new ArgumentException($"'{words}' is not in the text");
        return new TextSpan(at, at + words.Length);
    }

    private static IEnumerable<TextSpan> AllSpans(string text, string words)
    {
        for (var at = text.IndexOf(words, StringComparison.Ordinal); at >= 0; at = text.IndexOf(words, at + words.Length, StringComparison.Ordinal))
            yield return new TextSpan(at, at + words.Length);
    }

    // A small corpus with known answers.
    public static ArticleExtraction Zelenskyy => Article("zelenskyy-2022-07-08", "2022-07-08", "CNN",
        "Ukrainian President Volodymyr Zelenskyy said Ukraine will not give up any of its territory for peace with Russia. " +
        "\"We will fight for every territory, every village, every territory of our land,\" Volodymyr Zelenskyy said.",
        new Q("Ukraine will not give up any of its territory for peace with Russia", "Volodymyr Zelenskyy", QuoteKind.Indirect, Uttered: "2022-07-07"),
        new Q("We will fight for every territory, every village, every territory of our land,", "Volodymyr Zelenskyy"));

    public static ArticleExtraction Biden => Article("biden-2022-06-01", "2022-06-01", "Reuters",
        "Joe Biden said: \"We will support Ukraine as long as it takes, and the territory question is for Kyiv.\" " +
        "The economy is strong, Joe Biden told reporters, adding that inflation would fall.",
        new Q("We will support Ukraine as long as it takes, and the territory question is for Kyiv.", "Joe Biden"),
        new Q("The economy is strong", "Joe Biden", QuoteKind.Indirect, Cue: "told"));

    public static ArticleExtraction Scholz => Article("scholz-2022-08-15", "2022-08-15", "Reuters",
        "Olaf Scholz said the energy supply for the winter was secure. \"We are prepared,\" Olaf Scholz said.",
        new Q("the energy supply for the winter was secure", "Olaf Scholz", QuoteKind.Indirect),
        new Q("We are prepared,", "Olaf Scholz"));

    public static ArticleExtraction ZelenskyyLater => Article("zelenskyy-2022-09-01", "2022-09-01", "BBC",
        "\"The counteroffensive is going to plan,\" Volodymyr Zelenskyy said in his nightly address.",
        new Q("The counteroffensive is going to plan,", "Volodymyr Zelenskyy"));

    public static ArticleExtraction ZelenskyyEarly => Article("zelenskyy-2022-03-01", "2022-03-01", "CNN",
        "\"We are defending our land,\" Volodymyr Zelenskyy said on the fifth day of the invasion.",
        new Q("We are defending our land,", "Volodymyr Zelenskyy"));

    public static ArticleExtraction[] All => [Zelenskyy, Biden, Scholz, ZelenskyyLater, ZelenskyyEarly];
}
