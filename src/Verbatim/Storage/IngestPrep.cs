using System.Buffers;
using System.Runtime.CompilerServices;
using Verbatim.Corpus;

namespace Verbatim.Storage;

/// <summary>
/// What a store's single writer would otherwise compute per article and per quote, computed beforehand on the extraction
/// workers (<see cref="Prepare"/>): the content hash and word count of the article, and per quote its JSON columns, its
/// match words with their sequence hash and MinHash signature, and its normalised text. The writer then only looks up and
/// inserts; an article nobody prepared is prepared by the writer itself (the same values).
/// </summary>
public sealed class IngestPrep
{
    private static readonly ConditionalWeakTable<ArticleExtraction, IngestPrep> Prepared = new();

    private IngestPrep(string contentHash, int words, QuotePrep[] quotes)
    {
        ContentHash = contentHash;
        Words = words;
        Quotes = quotes;
    }

    public string ContentHash { get; }
    public int Words { get; }
    internal QuotePrep[] Quotes { get; }

    /// <summary>Prepares an extraction for ingest (thread-safe; call it on a worker thread). Returns the article's word count.</summary>
    public static int Prepare(ArticleExtraction x) => Prepared.GetValue(x, Make).Words;

    /// <summary>The preparation of an extraction, made now when no worker made it.</summary>
    internal static IngestPrep Of(ArticleExtraction x) => Prepared.GetValue(x, Make);

    private static IngestPrep Make(ArticleExtraction x)
    {
        var quotes = new QuotePrep[x.Quotes.Count];
        for (var i = 0; i < quotes.Length; i++) quotes[i] = QuotePrep.Of(x.Quotes[i]);
        return new IngestPrep(Storage.ContentHash.Of(x.Article.Text), Benchmarks.Words.Count(x.Article.Text), quotes);
    }
}

/// <summary>One quote's prepared values (see <see cref="IngestPrep"/>).</summary>
internal sealed class QuotePrep
{
    public string ContentJson { get; private init; } = "";
    public string TimesJson { get; private init; } = "[]";
    /// <summary>The quote's match words (<see cref="MatchText.Hashes"/>); empty when it has none.</summary>
    public required ulong[] Words { get; init; }
    public required ulong Hash { get; init; }
    public required uint[] Signature { get; init; }
    public required string Normalised { get; init; }

    public static QuotePrep Of(Quote q)
    {
        var match = OfText(q.Text);
        return new QuotePrep
        {
            ContentJson = SqliteQuoteStore.ContentJson(q.Content),
            TimesJson = SqliteQuoteStore.TimesJson(q.Times),
            Words = match.Words,
            Hash = match.Hash,
            Signature = match.Signature,
            Normalised = match.Normalised,
        };
    }

    /// <summary>The matching values of a quote text alone (no JSON columns).</summary>
    public static QuotePrep OfText(string text)
    {
        var max = MatchText.MaxWords(text.Length);
        var rent = ArrayPool<ulong>.Shared.Rent(max);
        try
        {
            var words = rent.AsSpan(0, MatchText.Hashes(text, rent.AsSpan(0, max))).ToArray();
            var signature = new uint[MinHash.Size];
            if (words.Length > 0) MinHash.Signature(words, signature);
            return new QuotePrep
            {
                Words = words,
                Hash = words.Length > 0 ? MatchText.SequenceHash(words) : 0,
                Signature = signature,
                Normalised = words.Length > 0 ? MatchText.Normalise(text) : "",
            };
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(rent);
        }
    }
}
