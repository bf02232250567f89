using Verbatim.Contextual;
using Verbatim.Pipeline;

namespace Verbatim.Tests.Contextual;

/// <summary>The accurate mode's encoder and codes, on sentences written for these tests (the model loads once, ≈90 MB).</summary>
public sealed class MiniLmEncoderTests
{
    private static readonly VerbatimPipeline Tokens = new PipelineBuilder().UseRuleStages(pos: null).Build();

    private static Document Doc(string text) => Tokens.Run(new Article("t", new DateOnly(2022, 7, 8), text));

    private static int TokenIndex(Document doc, string word)
    {
        for (int k = 0; k < doc.Tokens.Count; k++)
            if (doc.TokenText(k).SequenceEqual(word)) return k;
        throw new InvalidOperationException($"no token {word}");
    }

    private static float[] Vector(float[] all, int k) => all.AsSpan(k * MiniLmEncoder.Size, MiniLmEncoder.Size).ToArray();

    private static double Cosine(float[] a, float[] b) =>
        System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(a, b);

    [Fact]
    public void The_same_text_gives_the_same_vectors()
    {
        var doc = Doc("“We will not give up,” Anna Berg said on Thursday.");
        var first = MiniLmEncoder.Default.Encode(doc);
        var second = MiniLmEncoder.Default.Encode(Doc("“We will not give up,” Anna Berg said on Thursday."));
        Assert.Equal(doc.Tokens.Count * MiniLmEncoder.Size, first.Length);
        Assert.Equal(first, second);
        // every token with a word piece has a vector
        Assert.Contains(Vector(first, TokenIndex(doc, "Berg")), x => x != 0);
    }

    [Fact]
    public void A_word_is_read_in_its_context()
    {
        // "bank" of a river and "bank" of money: one word, two readings; two money readings stay closer than the mixed pair.
        var river = Doc("They sat on the bank of the river and fished.");
        var money = Doc("She paid the loan back to the bank on Monday.");
        var money2 = Doc("He paid the debt back to the bank on Friday.");
        var r = Vector(MiniLmEncoder.Default.Encode(river), TokenIndex(river, "bank"));
        var m = Vector(MiniLmEncoder.Default.Encode(money), TokenIndex(money, "bank"));
        var m2 = Vector(MiniLmEncoder.Default.Encode(money2), TokenIndex(money2, "bank"));
        Assert.True(Cosine(m, m2) > Cosine(r, m), $"money/money {Cosine(m, m2):F3}, river/money {Cosine(r, m):F3}");
    }

    [Fact]
    public void A_long_article_is_encoded_in_windows_of_whole_sentences()
    {
        // More pieces than one window holds: every token still gets a vector.
        var sentence = "The minister said the harbour would reopen next week after repairs. ";
        var longDoc = Doc(string.Concat(Enumerable.Repeat(sentence, 50)));
        var vectors = MiniLmEncoder.Default.Encode(longDoc);
        for (int k = 0; k < longDoc.Tokens.Count; k++)
            Assert.True(Vector(vectors, k).Any(x => x != 0), $"token {k} ({longDoc.TokenText(k)}) has no vector");
        // 600 tokens, past the model's 512 positions: without windows the tail would have no vector (or the model would refuse).
        Assert.True(longDoc.Tokens.Count > 512);
    }

    [Fact]
    public void The_stage_fills_sixteen_codes_a_token_and_they_do_not_change()
    {
        var stage = new ContextualStage(MiniLmEncoder.Default);
        var a = Doc("“Prices will fall by the end of 2022,” he said.");
        var b = Doc("“Prices will fall by the end of 2022,” he said.");
        Assert.Empty(a.ContextCodes);
        stage.Run(a);
        stage.Run(b);
        Assert.Equal(a.Tokens.Count * ContextualStage.Groups, a.ContextCodes.Length);
        Assert.Equal(a.ContextCodes, b.ContextCodes);
        Assert.All(a.ContextCodes, c => Assert.InRange(c, 0, (1 << ContextualStage.Bits) - 1));
        // different words get different codes somewhere
        int prices = TokenIndex(a, "Prices"), said = TokenIndex(a, "said");
        Assert.NotEqual(a.ContextCodes.AsSpan(prices * 16, 16).ToArray(), a.ContextCodes.AsSpan(said * 16, 16).ToArray());
    }

    [Fact]
    public void The_accurate_pipeline_reads_the_codes_right_after_part_of_speech_and_finds_the_quote()
    {
        var pipeline = AccuratePipeline.Default;
        var names = pipeline.StageNames.ToList();
        Assert.Equal(names.IndexOf("pos") + 1, names.IndexOf("contextual"));
        Assert.True(names.IndexOf("learned-content") > names.IndexOf("contextual"));
        Assert.DoesNotContain("contextual", VerbatimPipeline.Default.StageNames);

        const string text = " date 2022-07-08 \nKYIV — “We will rebuild every school,” Olena Marchuk said on Thursday. " +
            "The mayor added that the city would need help from its neighbours.";
        var article = Verbatim.Readers.ArticleSources.FromText(System.Text.Encoding.UTF8.GetBytes(text), "t", "t", new()).Article!;
        var quotes = pipeline.Extract(article).Quotes;
        var direct = Assert.Single(quotes, q => q.Text.Contains("rebuild every school", StringComparison.Ordinal));
        Assert.Equal("Olena Marchuk", direct.Speaker?.Name);
        Assert.Contains(quotes, q => q.Text.Contains("the city would need help", StringComparison.Ordinal));
    }

    [Fact]
    public void Extract_with_accurate_writes_the_same_schema()
    {
        using var dir = new Verbatim.Tests.Readers.TempDir();
        dir.Write("a.txt", " date 2022-07-08 \n“The bridge is safe,” Omar Reyes said. He said repairs would end in March.");
        var stdout = new MemoryStream();
        var stderr = new StringWriter();
        var io = new Verbatim.Cli.CliIo(() => new MemoryStream(), stdout, stderr, StdoutIsTerminal: false, StderrIsTerminal: false);

        int rc = Verbatim.Cli.ExtractCommand.Run(new Verbatim.Cli.ExtractCommand.Settings { Inputs = [Path.Combine(dir.Path, "a.txt")], Threads = 1, Accurate = true }, io);

        Assert.Equal(0, rc);
        using var json = System.Text.Json.JsonDocument.Parse(System.Text.Encoding.UTF8.GetString(stdout.ToArray()));
        var quotes = json.RootElement.GetProperty("quotes").EnumerateArray().ToList();
        Assert.Equal(2, quotes.Count);
        Assert.All(quotes, q => Assert.Equal("Omar Reyes", q.GetProperty("speaker").GetProperty("name").GetString()));
    }
}
