using Verbatim.Text;

namespace Verbatim.Pipeline;

/// <summary>Tokens of the article body (after the date header), with paragraph starts.</summary>
public sealed class TokenizerStage : IStage
{
    public string Name => "tokens";
    public void Run(Document document) => Tokenizer.Tokenize(document.Text, document.Article.BodyStart, document.Tokens);
}

/// <summary>Sentences and paragraphs over the tokens.</summary>
public sealed class SentenceStage : IStage
{
    public string Name => "sentences";
    public void Run(Document document) => SentenceSplitter.Split(document);
}
