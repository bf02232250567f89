using Verbatim.Pipeline;

namespace Verbatim.Dates;

/// <summary>Time expressions anywhere in the article body, normalised against the article date (<see cref="Document.Times"/>).</summary>
public sealed class TimeExpressionStage : IStage
{
    public string Name => "times";

    public void Run(Document document)
    {
        document.Times.Clear();
        TimeTagger.Tag(document.Text, document.Tokens, document.SentenceOfToken, document.Article.Date, document.Times);
        // In text order, so that later stages find an expression by binary search.
        document.Times.Sort((a, b) => a.FirstToken.CompareTo(b.FirstToken));
    }
}
