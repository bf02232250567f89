namespace Verbatim.Pipeline;

/// <summary>
/// The working state of one article while the pipeline runs: columns of structs indexed into the
/// original text (never a rewritten copy). Created per article; stages fill it in order.
/// </summary>
public sealed partial class Document
{
    public Document(Article article)
    {
        Article = article;
        Text = article.Text;
    }

    public Article Article { get; }
    public string Text { get; }

    /// <summary>Quotes found so far, in the order stages add them; sorted by position at the end.</summary>
    public List<Quote> Quotes { get; } = [];
    public List<Speaker> Speakers { get; } = [];

    public ArticleExtraction ToExtraction() => new(Article, Quotes.ToArray(), Speakers.ToArray());
}
