using Verbatim.Learning;
using Verbatim.Pipeline;
using Verbatim.Text;

namespace Verbatim.Tests.Learning;

public sealed class PosTaggerTests
{
    private static string Tags(PosTagger tagger, string text)
    {
        var doc = new PipelineBuilder().UseRuleStages(tagger).Build().Run(new Article("t", new DateOnly(2022, 7, 8), text));
        return string.Join(' ', doc.PosTags.Select(t => PosTagger.TagNames[t]));
    }

    [Theory]
    [InlineData("He said that taxes will rise.", "PRON VERB SCONJ NOUN AUX VERB PUNCT")]
    [InlineData("The senator told reporters on Thursday.", "DET NOUN VERB NOUN ADP PROPN PUNCT")]
    public void The_shipped_tagger_tags_news_sentences(string text, string expected)
    {
        var tagger = PosTagger.Default;
        Assert.NotNull(tagger);
        Assert.Equal(expected, Tags(tagger, text));
    }

    private static PosSentence Sentence(params (string Word, string Tag)[] words)
    {
        var text = string.Join(' ', words.Select(w => w.Word));
        var tokens = new Token[words.Length];
        int at = 0;
        for (int i = 0; i < words.Length; i++)
        {
            tokens[i] = new Token(at, at + words[i].Word.Length, TokenKind.Word, TokenFlags.None);
            at += words[i].Word.Length + 1;
        }
        return new PosSentence(text, tokens, words.Select(w => (byte)PosTagger.TagIndex(w.Tag)).ToArray());
    }

    private static readonly PosSentence[] Tiny =
    [
        Sentence(("she", "PRON"), ("said", "VERB"), ("that", "SCONJ"), ("prices", "NOUN"), ("fell", "VERB")),
        Sentence(("they", "PRON"), ("said", "VERB"), ("that", "SCONJ"), ("wages", "NOUN"), ("rose", "VERB")),
        Sentence(("that", "DET"), ("plan", "NOUN"), ("failed", "VERB")),
        Sentence(("that", "DET"), ("deal", "NOUN"), ("worked", "VERB")),
    ];

    [Fact]
    public void Training_learns_a_tiny_treebank_and_is_deterministic()
    {
        var a = PosTaggerTrainer.Train(Tiny, epochs: 5);
        var b = PosTaggerTrainer.Train(Tiny, epochs: 5);
        Assert.Equal(1.0, PosTaggerTrainer.Accuracy(a, Tiny));
        using var sa = new MemoryStream();
        using var sb = new MemoryStream();
        a.Save(sa);
        b.Save(sb);
        Assert.Equal(sa.ToArray(), sb.ToArray());
        // and what is saved loads back to the same tags
        sa.Position = 0;
        Assert.Equal(1.0, PosTaggerTrainer.Accuracy(PosTagger.Load(sa), Tiny));
    }

    [Fact]
    public void An_untrained_tagger_gets_the_tiny_treebank_wrong()
    {
        var untrained = PosTaggerTrainer.Train(Tiny, epochs: 0);
        Assert.True(PosTaggerTrainer.Accuracy(untrained, Tiny) < 0.5);
    }
}
